"""提出: the contractor hands a 電子保証 to its orderer inside the service; the orderer's inbox."""

from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from clock import now
from extensions import db
from models import GuaranteeContract, Submission, SubmissionState, User
from notifications import mails
from operations.audit import record, record_mail
from operations.errors import DomainError
from operations.locks import locked
from operations.review import NO_ADDRESS

NOT_STANDING = (
    "この提出は取り下げられたか、認証キーの再発行により無効になりました。再提出をお待ちください。"
)


def submit_to_orderer(user: User, contract: GuaranteeContract, department: str) -> Submission:
    """「発注者へ提出」: hand the contract's key to its orderer, who may then open it unasked.

    Only an electronic, not cancelled contract, only to an orderer that accepts submission in
    the service, naming one of its 担当課 when it keeps a list, and once while one stands.
    """
    contract = locked(GuaranteeContract, contract.id)
    orderer = contract.application.orderer
    if not contract.is_electronic:
        raise DomainError(
            "証書(紙)の保証契約はサービス内で提出できません。証書を発注者へお届けください。"
        )
    if contract.is_cancelled:
        raise DomainError("解約された保証契約は提出できません。")
    if not orderer.accepts_submission_in_service:
        raise DomainError(
            f"{orderer.name}はサービス内での提出を受け付けていません。"
            "「認証キー」のお知らせ（PDF）を発注者の提出先へお送りください。"
        )
    departments = orderer.department_list
    department = department.strip()
    if departments and department not in departments:
        raise DomainError(
            "担当課を選んでください。", {"department": "提出先の担当課を一覧から選んでください。"}
        )
    if not departments:
        department = ""
    if standing_submission(contract) is not None:
        raise DomainError("この保証契約は既に発注者へ提出しています。")
    submission = Submission(
        contract=contract,
        orderer_id=orderer.id,
        department=department,
        submitted_at=now(),
        submitted_by_id=user.id,
    )
    db.session.add(submission)
    record(user, "submission.submitted", contract, _to(submission, orderer.name))
    return submission


def withdraw_submission(user: User, contract: GuaranteeContract) -> Submission:
    """提出の取下げ: possible until the orderer opens it; after that it is history."""
    contract = locked(GuaranteeContract, contract.id)
    submission = standing_submission(contract)
    if submission is None or submission.state is not SubmissionState.SUBMITTED:
        raise DomainError(
            "取り下げられる提出がありません（発注者が確認した提出は取り下げられません）。"
        )
    _end(submission, SubmissionState.WITHDRAWN)
    record(user, "submission.withdrawn", contract, _to(submission, submission.orderer.name))
    return submission


def open_submission(user: User, submission: Submission) -> GuaranteeContract:
    """The orderer's clerk opens a submitted contract from the inbox, without the key: the
    submission handed it over. The certificate page then stamps the view as a lookup does."""
    contract = locked(GuaranteeContract, submission.contract_id)
    db.session.refresh(submission)
    if not submission.state.stands:
        raise DomainError(NOT_STANDING)
    if submission.state is SubmissionState.SUBMITTED:
        submission.state = SubmissionState.OPENED
        submission.opened_at = now()
        submission.opened_by_id = user.id
    record(user, "submission.opened", contract, _to(submission, user.organisation_name))
    return contract


def revoke_submissions(actor: User, contract: GuaranteeContract) -> list[Submission]:
    """A key reissue voids the key handed over: every standing submission waits for a new one,
    and the contractor is asked to submit again."""
    revoked = db.session.scalars(
        select(Submission).where(
            Submission.contract_id == contract.id,
            Submission.state.in_([SubmissionState.SUBMITTED, SubmissionState.OPENED]),
        )
    ).all()
    for submission in revoked:
        _end(submission, SubmissionState.REVOKED)
        record(actor, "submission.revoked", contract, _to(submission, submission.orderer.name))
    if revoked:
        record_mail(actor, contract, mails.submission_revoked(contract), NO_ADDRESS)
    return revoked


def standing_submission(contract: GuaranteeContract) -> Submission | None:
    """The submission that currently hands the contract's key to its orderer, if any."""
    return db.session.scalar(
        select(Submission).where(
            Submission.contract_id == contract.id,
            Submission.state.in_([SubmissionState.SUBMITTED, SubmissionState.OPENED]),
        )
    )


def latest_submission(contract: GuaranteeContract) -> Submission | None:
    """The contract's last submission (standing, withdrawn or waiting for a new one)."""
    return db.session.scalar(
        select(Submission)
        .where(Submission.contract_id == contract.id)
        .order_by(Submission.submitted_at.desc(), Submission.id.desc())
        .limit(1)
    )


def submission_for(user: User, submission_id: int) -> Submission | None:
    """A submission to the user's orderer; None for another orderer's (as for none at all)."""
    return db.session.scalar(
        select(Submission).where(
            Submission.id == submission_id, Submission.orderer_id == user.orderer_id
        )
    )


def submissions_to(user: User, department: str = "") -> list[Submission]:
    """提出受付一覧: the submissions to the user's orderer, newest first, narrowed to one 担当課
    when given; withdrawn ones and 再提出待ち ones already submitted again are left out."""
    later = aliased(Submission)
    resubmitted = exists().where(
        later.contract_id == Submission.contract_id,
        later.id > Submission.id,
        later.state != SubmissionState.WITHDRAWN,
    )
    query = (
        select(Submission)
        .where(
            Submission.orderer_id == user.orderer_id,
            Submission.state != SubmissionState.WITHDRAWN,
            ~(Submission.state == SubmissionState.REVOKED) | ~resubmitted,
        )
        .order_by(Submission.submitted_at.desc(), Submission.id.desc())
    )
    if department:
        query = query.where(Submission.department == department)
    return list(db.session.scalars(query))


def _end(submission: Submission, state: SubmissionState) -> None:
    submission.state = state
    submission.ended_at = now()


def _to(submission: Submission, orderer_name: str) -> str:
    return f"{orderer_name}{' ' + submission.department if submission.department else ''}"
