"""After issuance: changes, corrections, undoing a change, cancellation and key reissue."""

from datetime import date

from sqlalchemy import select

from clock import now, today
from domain.changes import (
    COMPANION_ADVANCE,
    CertificateTerms,
    ContractFacts,
    RequestedChange,
    VersionKind,
    changed_terms,
    check_change,
    combined_problem_of,
)
from domain.fees import change_fee_difference, refund_due
from domain.japan_time import day_text
from extensions import db
from models import Application, CertificateVersion, ContractStatus, GuaranteeContract, User
from notifications import mails
from operations.audit import record, record_mail
from operations.errors import INVALID_INPUT, DomainError, StaleError
from operations.issuance import add_version
from operations.keys import set_new_key
from operations.locks import locked
from operations.notices import (
    tell_orderer_cancelled,
    tell_orderer_changed,
    tell_orderer_key_reissued,
)
from operations.review import NO_ADDRESS
from operations.submissions import revoke_submissions


def change_contract(
    user: User,
    contract: GuaranteeContract,
    revision: int | None,
    change: RequestedChange,
    reason: str = "",
) -> CertificateVersion:
    """増額, 減額, 保証期限変更, 請負契約の変更 (visible 変更-N) or 訂正 (hidden): a new version,
    never an edit. Contract facts left empty stay as they are."""
    contract = _active(contract, revision, with_work=True)
    if change.kind is VersionKind.UNDO or change.kind is VersionKind.NEW:
        raise DomainError("この操作はできません。")
    application = contract.application
    current = contract.terms
    companion = advance_companion(contract)
    problems = check_change(
        contract.kind, current, change, application.orderer.amount_rules(),
        application.this_year_amount, companion.amount if companion else None,
    )  # fmt: skip
    if problems:
        raise DomainError(INVALID_INPUT, problems)
    after = changed_terms(current, change)
    if after == current:
        raise DomainError("訂正する内容がありません。", {"new_amount": "現在の内容と同じです。"})
    # A correction fixes the terms from the start; a change applies from today on.
    since = contract.issued_on if change.kind is VersionKind.CORRECTION else today()
    if change.kind is VersionKind.DECREASE:  # 保証料返還計算書: what the refund rules return
        released = current.amount - after.amount
        difference = -refund_due(released, contract.rate, since, after.end).amount
    else:
        difference = change_fee_difference(
            current.amount, current.end, after.amount, after.end, contract.rate, since
        )
    before = _terms(contract)
    contract.terms = after
    return _new_version(user, contract, change.kind, difference, reason, before)


def undo_last_change(
    user: User, contract: GuaranteeContract, revision: int | None, reason: str = ""
) -> CertificateVersion:
    """変更取消: put back the terms from before the latest change (a hidden version)."""
    contract = _active(contract, revision, with_work=True)
    versions = contract.versions
    if len(versions) < 2 or not versions[-1].kind.is_change:
        raise DomainError("取り消せる変更がありません（直前の版が変更ではありません）。")
    undone, previous = versions[-1], versions[-2].snapshot
    restored = CertificateTerms(
        amount=previous["amount"],
        end=date.fromisoformat(previous["guarantee_end"]),
        facts=ContractFacts(
            previous["contract_price"],
            date.fromisoformat(previous["work_start"]),
            date.fromisoformat(previous["work_end"]),
        ),
    )
    # An undone change of the price alone needs no guarantee change either (the seed's note 2).
    if restored.amount != contract.amount and (message := _combined_problem(contract, restored)):
        raise DomainError(f"{undone.label}を取り消すと、{message}")
    before = _terms(contract)
    contract.terms = restored
    difference = -(undone.fee_difference or 0)
    reason = reason or f"{undone.label}を取り消し"
    return _new_version(user, contract, VersionKind.UNDO, difference, reason, before)


def cancel_contract(
    user: User, contract: GuaranteeContract, revision: int | None, reason: str = ""
) -> None:
    """解約: the guarantee ends; its certificate stays readable with the status 解約."""
    contract = _active(contract, revision)
    contract.status = ContractStatus.CANCELLED
    contract.cancelled_at = now()
    record(user, "contract.cancelled", contract, reason)
    record_mail(user, contract, mails.contract_cancelled(contract), NO_ADDRESS)
    tell_orderer_cancelled(user, contract)


def reissue_key(user: User, contract: GuaranteeContract, revision: int | None) -> None:
    """認証キー再発行: a new key; the old one stops opening the certificate at once."""
    contract = _active(contract, revision)
    if not contract.is_electronic:
        raise DomainError("紙の保証証書には認証キーがありません。")
    set_new_key(contract)
    record(user, "contract.key_reissued", contract)
    record_mail(user, contract, mails.key_reissued(contract), NO_ADDRESS)
    tell_orderer_key_reissued(user, contract)
    revoke_submissions(user, contract)


def advance_companion(contract: GuaranteeContract) -> GuaranteeContract | None:
    """The other advance of the same work, not cancelled: the 中間前払金保証 of a 前払金保証, or
    the reverse. One work is one application: an interim is applied for only together with
    its advance (domain/ratios.py), so both are issued from the same application."""
    other = COMPANION_ADVANCE.get(contract.kind)
    if other is None:
        return None
    return db.session.scalar(
        select(GuaranteeContract)
        .where(
            GuaranteeContract.application_id == contract.application_id,
            GuaranteeContract.kind == other,
            GuaranteeContract.status != ContractStatus.CANCELLED,
        )
        .order_by(GuaranteeContract.id)
        .limit(1)
        .execution_options(populate_existing=True)  # its latest amount, not a stale copy
    )


def _combined_problem(contract: GuaranteeContract, terms: CertificateTerms) -> str | None:
    """Whether these terms and the companion advance together pass the combined ratio."""
    companion = advance_companion(contract)
    if companion is None:
        return None
    application = contract.application
    rules, base = application.orderer.amount_rules(), application.this_year_amount
    return combined_problem_of(contract.kind, terms, companion.amount, rules, base)


def _active(
    contract: GuaranteeContract, revision: int | None, with_work: bool = False
) -> GuaranteeContract:
    """The contract locked, still as the user saw it, and not cancelled.

    `with_work` first locks its application, so that changes of the two advances of one work
    take turns and each weighs the other's latest amount.
    """
    if with_work:
        locked(Application, contract.application_id)
    contract = locked(GuaranteeContract, contract.id)
    if revision != contract.revision:
        raise StaleError("保証契約")
    if contract.status is not ContractStatus.ACTIVE:
        raise DomainError(f"{contract.status.label}の保証契約にはこの操作はできません。")
    return contract


def _new_version(user, contract, kind, difference, reason, before) -> CertificateVersion:
    version = add_version(user, contract, kind, difference, reason)
    after = _terms(contract)
    detail = f"{version.label}（{kind.label}）：{before} → {after}、保証料差額 {difference:+,}円"
    record(user, f"contract.{kind.value}", contract, detail)
    record_mail(user, contract, mails.contract_changed(contract, version), NO_ADDRESS)
    tell_orderer_changed(user, contract, version)
    return version


def _terms(contract: GuaranteeContract) -> str:
    return (
        f"{contract.amount:,}円・{day_text(contract.guarantee_end)}まで"
        f"（請負金額 {contract.contract_price:,}円・工期 {day_text(contract.work_start)}"
        f"〜{day_text(contract.work_end)}）"
    )
