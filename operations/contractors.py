"""Contractor companies: 利用申込 and the branch's decision, and direct registration by staff."""

from dataclasses import dataclass, fields

from sqlalchemy import func, select

from clock import now
from extensions import db
from models import AccountRequest, Branch, Contractor, OutboxMail, RequestStatus, User
from notifications import mails
from operations.accounts import NewAccount, add_user, set_user_active
from operations.audit import changes, record, record_mail, snapshot
from operations.errors import DomainError

CONTRACTOR_LABELS = {
    "name": "会社名",
    "representative": "代表者",
    "address": "所在地",
    "permit_number": "建設業許可番号",
    "phone": "電話番号",
}


@dataclass(frozen=True)
class CompanyDetails:
    """A company as it introduces itself (the public form, or staff registering it)."""

    name: str
    representative: str
    address: str
    permit_number: str
    phone: str


@dataclass(frozen=True)
class RequestDetails:
    """What the public 利用申込 form asks."""

    company: CompanyDetails
    contact_name: str
    email: str
    branch_id: int


def receive_account_request(details: RequestDetails) -> AccountRequest:
    """Keep a 利用申込 for the branch the company chose."""
    branch = db.session.get(Branch, details.branch_id)
    if branch is None:
        raise DomainError(
            "お申込先を選び直してください。", {"branch_id": "お申込先を選んでください。"}
        )
    company = _stripped(details.company)
    request = AccountRequest(
        company_name=company.name,
        representative=company.representative,
        address=company.address,
        permit_number=company.permit_number,
        phone=company.phone,
        contact_name=details.contact_name.strip(),
        email=details.email.strip(),
        branch=branch,
        status=RequestStatus.PENDING,
        created_at=now(),
    )
    db.session.add(request)
    record(None, "account_request.received", request, f"{company.name}（{branch.name}宛）")
    return request


def approve_account_request(
    actor: User, request: AccountRequest, login_id: str
) -> tuple[User, OutboxMail | None]:
    """承認: create the company and its first user (会社管理者), who sets a password by link."""
    _check_pending(request)
    company = CompanyDetails(
        request.company_name,
        request.representative,
        request.address,
        request.permit_number,
        request.phone,
    )
    account = NewAccount(login_id, request.contact_name, request.email, admin=True)
    # Home: the branch the request was sent to (it, or head office for it, approves).
    contractor, user, mail = _register(actor, company, account, request.branch)
    request.status = RequestStatus.APPROVED
    request.contractor = contractor
    _decided(actor, request)
    record(actor, "account_request.approved", request, f"ログインID: {user.login_id}")
    return user, mail


def decline_account_request(actor: User, request: AccountRequest, reason: str) -> OutboxMail:
    """謝絶: refuse the request; the reason is mailed to the company."""
    _check_pending(request)
    request.status = RequestStatus.DECLINED
    request.decline_reason = reason.strip()
    _decided(actor, request)
    record(actor, "account_request.declined", request, f"理由: {request.decline_reason}")
    return mails.account_request_declined(request)


def register_contractor(
    actor: User, company: CompanyDetails, account: NewAccount
) -> tuple[Contractor, User, OutboxMail | None]:
    """Branch staff register a company (their branch becomes its home) and its first user,
    who sets a password through the mailed one-time link."""
    return _register(actor, company, account, actor.branch)


def add_company_user(
    actor: User, contractor: Contractor, account: NewAccount
) -> tuple[User, OutboxMail | None]:
    """Staff of its home branch, or the company's own 会社管理者, add a user to a company: a
    set-password link to them, and a notice to its admins (other than the one who acted)."""
    admins = _admins(contractor)
    user, mail = add_user(actor, contractor, account)
    as_admin = "会社管理者として" if user.is_company_admin else ""
    what = f"利用者「{user.name}（{user.login_id}）」を{as_admin}追加しました。"
    _notify_admins(actor, contractor, admins, what)
    return user, mail


def set_company_user_active(actor: User, member: User, active: bool) -> None:
    """Staff, or the company's own 会社管理者, disable (or enable again) a company's user; its
    admins are told (a disabled admin too, so no admin is shut out unawares)."""
    was, admins = member.is_active, _admins(member.contractor)
    set_user_active(actor, member, active)
    if was != active:
        state = "有効に戻しました" if active else "無効にしました（ログインできなくなります）"
        what = f"利用者「{member.name}（{member.login_id}）」を{state}。"
        _notify_admins(actor, member.contractor, admins, what)


def reassign_home_branch(actor: User, contractor: Contractor, branch_id: int) -> None:
    """Head office gives a company another home branch (whose staff then manage its users)."""
    if not actor.is_head_office:
        raise DomainError("担当支店を変更できるのは本店営業部だけです。")
    branch = db.session.get(Branch, branch_id)
    if branch is None:
        raise DomainError("担当支店を選び直してください。", {"branch_id": "支店を選んでください。"})
    if branch.id == contractor.home_branch_id:
        return
    before = contractor.home_branch.name
    contractor.home_branch = branch
    record(
        actor, "contractor.home_branch_changed", contractor, f"担当支店: {before} → {branch.name}"
    )


def change_contractor_details(actor: User, contractor: Contractor, company: CompanyDetails) -> None:
    """Head office corrects a company's details; the audit keeps each item before → after."""
    if not actor.is_head_office:
        raise DomainError("受注者の情報を変更できるのは本店営業部だけです。")
    company = _stripped(company)
    permit = company.permit_number
    if permit and permit.lower() != contractor.permit_number.lower() and _permit_taken(permit):
        taken = f"許可番号「{permit}」の会社は既に登録されています。"
        raise DomainError("この許可番号は使えません。", {"permit_number": taken})
    before = snapshot(contractor, CONTRACTOR_LABELS)
    for item in fields(company):
        setattr(contractor, item.name, getattr(company, item.name))
    changed = changes(before, snapshot(contractor, CONTRACTOR_LABELS))
    if not changed:
        raise DomainError("変更された項目がありません。変更する内容を入力してください。")
    record(actor, "contractor.changed", contractor, changed)


def _admins(contractor: Contractor) -> list[User]:
    """The company's active 会社管理者 as they are now."""
    return list(
        db.session.scalars(
            select(User).where(
                User.contractor_id == contractor.id,
                User.is_company_admin.is_(True),
                User.is_active.is_(True),
            )
        )
    )


def _notify_admins(actor: User, contractor: Contractor, admins: list[User], what: str) -> None:
    """Tell each admin what was done to the company's users, except the admin who did it."""
    for admin in admins:
        if admin.id == actor.id:
            continue
        record_mail(actor, contractor, mails.company_users_changed(admin, contractor, actor, what))


def _register(actor: User, company: CompanyDetails, account: NewAccount, home: Branch):
    company = _stripped(company)
    if company.permit_number and _permit_taken(company.permit_number):
        taken = f"許可番号「{company.permit_number}」の会社は既に登録されています。"
        raise DomainError("この会社は既に登録されています。", {"permit_number": taken})
    contractor = Contractor(
        **{f.name: getattr(company, f.name) for f in fields(company)}, home_branch=home
    )
    db.session.add(contractor)
    added = changes({}, snapshot(contractor, CONTRACTOR_LABELS))
    record(actor, "contractor.added", contractor, f"{added}\n担当支店: {home.name}")
    user, mail = add_user(actor, contractor, account)
    return contractor, user, mail


def _check_pending(request: AccountRequest) -> None:
    if request.status is not RequestStatus.PENDING:
        raise DomainError(f"この利用申込は{request.status.label}です。")


def _decided(actor: User, request: AccountRequest) -> None:
    request.decided_by = actor
    request.decided_at = now()


def _permit_taken(permit_number: str) -> bool:
    query = select(Contractor.id).where(
        func.lower(Contractor.permit_number) == permit_number.lower()
    )
    return db.session.scalar(query.limit(1)) is not None


def _stripped(company: CompanyDetails) -> CompanyDetails:
    return CompanyDetails(*(getattr(company, f.name).strip() for f in fields(company)))
