"""One function per mail the product sends; each queues it in the outbox or returns None."""

from flask import current_app

from models import (
    AccountRequest,
    Application,
    CertificateVersion,
    Contractor,
    DailySeal,
    GuaranteeContract,
    Orderer,
    OutboxMail,
    Role,
    User,
    UseStatement,
)
from notifications.outbox import queue_mail

SUBJECTS = {
    "returned": "【e-Surety】お申込みの差戻しのお知らせ",
    "declined": "【e-Surety】お申込みについてのお知らせ",
    "issued": "電子保証（認証キー）発行完了のお知らせ",
    "changed": "【e-Surety】保証内容の変更のお知らせ",
    "cancelled": "【e-Surety】保証契約の解約のお知らせ",
    "key_reissued": "【e-Surety】認証キー再発行のお知らせ",
    "submission_revoked": "【e-Surety】発注者への再提出のお願い",
    "set_password": "【e-Surety 電子保証】パスワード設定のお願い",
    "reset_password": "【e-Surety 電子保証】パスワード再設定のご案内",
    "account_request_declined": "【e-Surety 電子保証】利用申込についてのご連絡",
    "company_users_changed": "【e-Surety 電子保証】貴社の利用者が変更されました",
    "daily_seals": "【e-Surety】日次封印（改ざん検知の記録）",
    "certificate_confirmed": "【e-Surety 電子保証】{orderer}が電子保証を確認しました",
    "orderer_notice": "【{service}】確認済みの電子保証についてのお知らせ（{what}）",
    "use_statement_submitted": "【e-Surety】前払金使途内訳明細書の提出（{number}）",
    "use_statement_decided": "【e-Surety】前払金使途内訳明細書の{outcome}のお知らせ",
}

#: What an orderer's notice is about, in the subject and the first line of the mail.
ORDERER_NOTICE_TOPICS = {
    "changed": "保証内容の変更",
    "cancelled": "解約",
    "key_reissued": "認証キーの再発行",
    "expiring": "保証期限が近づいています",
    "coverage": "保証が契約内容を満たさなくなりました",
}


def application_returned(application: Application) -> OutboxMail | None:
    """差戻し: the branch's message, and that the applicant can correct and send again."""
    return _to_applicant(application, "returned", application, application=application)


def application_declined(application: Application) -> OutboxMail | None:
    """謝絶: the branch's reason."""
    return _to_applicant(application, "declined", application, application=application)


def guarantees_issued(
    application: Application, contracts: list[GuaranteeContract]
) -> OutboxMail | None:
    """電子保証（認証キー）発行完了のお知らせ, when asked for; no key and no link in it."""
    electronic = [c for c in contracts if c.is_electronic]
    if not (application.notify_by_mail and electronic):
        return None
    return _to_applicant(
        application,
        "issued",
        application,
        application=application,
        contracts=electronic,
        viewing_service=current_app.config["VIEWING_SERVICE_NAME"],
    )


def contract_changed(contract: GuaranteeContract, version: CertificateVersion) -> OutboxMail | None:
    """A change, correction or undone change of an issued guarantee."""
    return _to_applicant(
        contract.application, "changed", contract, contract=contract, version=version
    )


def contract_cancelled(contract: GuaranteeContract) -> OutboxMail | None:
    """解約 of a guarantee contract."""
    return _to_applicant(contract.application, "cancelled", contract, contract=contract)


def key_reissued(contract: GuaranteeContract) -> OutboxMail | None:
    """A new 認証キー replaces the old one (the key itself is only on Net Desk)."""
    return _to_applicant(contract.application, "key_reissued", contract, contract=contract)


def submission_revoked(contract: GuaranteeContract) -> OutboxMail | None:
    """The key handed to the orderer in the service was reissued: please submit again."""
    return _to_applicant(contract.application, "submission_revoked", contract, contract=contract)


def password_link(user: User, purpose: str, link: str, valid_for: str) -> OutboxMail | None:
    """A one-time link to set (purpose set_password) or reset (reset_password) a password."""
    if not user.email:
        return None
    return queue_mail(
        user.email,
        purpose,
        SUBJECTS[purpose],
        branch_id=None,
        about=user,
        user_name=user.name,
        organisation_name=user.organisation_name,
        service_name=_service_name(user),
        login_id=user.login_id,
        link=link,
        valid_for=valid_for,
    )


def _service_name(user: User) -> str:
    """The service the user logs in to, as its pages name it: an orderer's staff know the
    viewing service (VIEWING_SERVICE_NAME)."""
    if user.role is Role.VERIFIER:
        return current_app.config["VIEWING_SERVICE_NAME"]
    return "e-Surety 電子保証（インターネット保証サービス）"


def account_request_declined(request: AccountRequest) -> OutboxMail:
    """The branch's reason for declining a 利用申込."""
    return queue_mail(
        request.email,
        "account_request_declined",
        SUBJECTS["account_request_declined"],
        branch_id=request.branch_id,
        about=request,
        company_name=request.company_name,
        contact_name=request.contact_name,
        reason=request.decline_reason,
        branch_name=request.branch.name,
        branch_phone=request.branch.phone,
        branch_email=request.branch.email,
    )


def company_users_changed(
    admin: User, contractor: Contractor, actor: User, what: str
) -> OutboxMail | None:
    """To a 会社管理者: surety staff, or another of the company's admins, added, disabled or
    re-enabled one of the company's users; the staff's branch (else the company's home
    branch) answers questions."""
    if not admin.email:
        return None
    branch = actor.branch or contractor.home_branch
    if actor.branch is not None:
        by, actor_line = "保証会社の担当者", f"操作した担当者：{actor.branch.name} {actor.name}"
    else:
        by, actor_line = "貴社の会社管理者", f"操作した会社管理者：{actor.name}（{actor.login_id}）"
    return queue_mail(
        admin.email,
        "company_users_changed",
        SUBJECTS["company_users_changed"],
        branch_id=contractor.home_branch_id,
        about=contractor,
        admin_name=admin.name,
        company_name=contractor.name,
        what=what,
        by=by,
        actor_line=actor_line,
        branch_name=branch.name,
        branch_phone=branch.phone,
        branch_email=branch.email,
    )


def daily_seals(to: str, branch_id: int | None, seals: list[DailySeal]) -> OutboxMail:
    """To head office: the roots of the days just sealed, to keep outside the service."""
    subject = SUBJECTS["daily_seals"]
    return queue_mail(to, "daily_seals", subject, branch_id=branch_id, about=seals[-1], seals=seals)


def orderer_notice(orderer: Orderer, contract: GuaranteeContract, kind, **context):
    """To the orderer's contract mailbox about a guarantee it checked (NoticeKind `kind`):
    what happened, and that it is seen by logging in to the viewing service with the number
    and key - never the key, never a link. None when the orderer has no mailbox."""
    if not orderer.notification_address:
        return None
    service = current_app.config["VIEWING_SERVICE_NAME"]
    topic = ORDERER_NOTICE_TOPICS[kind.value]
    return queue_mail(
        orderer.notification_address,
        "orderer_notice",
        SUBJECTS["orderer_notice"].format(service=service, what=topic),
        branch_id=contract.branch_id,
        about=contract,
        kind=kind.value,
        topic=topic,
        orderer=orderer,
        contract=contract,
        branch=contract.branch,
        viewing_service=service,
        **context,
    )


def certificate_confirmed(to: str, version: CertificateVersion) -> OutboxMail:
    """To the contractor: the orderer first opened this version, at 電子保証発行日時."""
    contract = version.contract
    orderer = contract.application.orderer
    return queue_mail(
        to,
        "certificate_confirmed",
        SUBJECTS["certificate_confirmed"].format(orderer=orderer.name),
        branch_id=contract.branch_id,
        about=contract,
        orderer=orderer,
        contract=contract,
        version=version,
        confirmation=version.confirmation,
        branch=contract.branch,
        viewing_service=current_app.config["VIEWING_SERVICE_NAME"],
    )


def _to_applicant(applied: Application, name: str, about, **context) -> OutboxMail | None:
    """Queue mail `name` to the address on the application; None when it has none."""
    if not applied.notify_email:
        return None
    return queue_mail(
        applied.notify_email,
        name,
        SUBJECTS[name],
        branch_id=applied.branch_id,
        about=about,
        branch=applied.branch,
        **context,
    )


def use_statement_submitted(statement: UseStatement) -> OutboxMail | None:
    """To the contract's branch: a 前払金使途内訳明細書 (or 使途変更) awaits its review; None when
    the branch has no mailbox (staff see it on the contract's 前払金 page)."""
    contract = statement.contract
    if not contract.branch.email:
        return None
    return queue_mail(
        contract.branch.email,
        "use_statement_submitted",
        SUBJECTS["use_statement_submitted"].format(number=contract.number),
        branch_id=contract.branch_id,
        about=contract,
        contract=contract,
        statement=statement,
        branch=contract.branch,
    )


def use_statement_decided(statement: UseStatement) -> OutboxMail | None:
    """To the contractor: the branch accepted or returned its statement (with the message)."""
    outcome = "承諾" if statement.status.value == "accepted" else "差戻し"
    contract = statement.contract
    applied = contract.application
    if not applied.notify_email:
        return None
    return queue_mail(
        applied.notify_email,
        "use_statement_decided",
        SUBJECTS["use_statement_decided"].format(outcome=outcome),
        branch_id=contract.branch_id,
        about=contract,
        contract=contract,
        statement=statement,
        outcome=outcome,
        branch=contract.branch,
    )
