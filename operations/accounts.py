"""Accounts: checking a login, creating and disabling accounts, changing a password."""

import secrets
from dataclasses import dataclass
from functools import cache

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from domain.credentials import (
    login_id_problem,
    login_id_reserved,
    login_id_variants,
    password_problem,
)
from extensions import db
from models import LinkPurpose, OutboxMail, Role, User
from operations.audit import changes, record, snapshot
from operations.errors import DomainError
from operations.links import issue_link, set_password_mail


@cache
def _dummy_hash() -> str:
    """A hash checked when the login ID is unknown, so both failures take the same time."""
    return generate_password_hash("no such user")


def authenticate(login_id: str, password: str) -> User | None:
    """The active user with this login ID and password, or None."""
    user = db.session.scalar(select(User).where(User.login_id == login_id))
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if not user.check_password(password) or not user.may_log_in:
        return None
    return user


USER_LABELS = {
    "login_id": "ログインID", "name": "氏名", "email": "メールアドレス", "role": "役割",
    "is_active": "有効",
}  # fmt: skip
#: The admin flag of each role that has one: 会社管理者, 発注者管理者.
ADMIN_FLAGS = {
    Role.APPLICANT: ("is_company_admin", "会社管理者"),
    Role.VERIFIER: ("is_orderer_admin", "発注者管理者"),
}


@dataclass(frozen=True)
class NewAccount:
    """Who a new account is for, and whether they administer their organisation (会社管理者,
    発注者管理者)."""

    login_id: str
    name: str
    email: str
    admin: bool = False


def add_user(
    actor: User | None, organisation, account: NewAccount
) -> tuple[User, OutboxMail | None]:
    """Create an account in `organisation` (a Contractor, Branch or Orderer).

    Nobody chooses the new user's password for them: it is random and unknown, and they set
    their own through the one-time link in the returned mail (until then they cannot log in).
    """
    login_id = account.login_id.strip()
    problems = {}
    if problem := login_id_problem(login_id):
        problems["login_id"] = problem
    elif not login_id_usable(login_id):
        problems["login_id"] = (
            f"このログインIDは使用できません。「{free_login_id(login_id)}」などをお使いください。"
        )
    if problems:
        raise DomainError(
            "アカウントを登録できませんでした。各項目のメッセージをご確認ください。", problems
        )
    role, attribute = _ROLE_OF[type(organisation).__name__]
    user = User(
        login_id=login_id,
        name=account.name.strip(),
        email=account.email.strip(),
        role=role,
        must_change_password=True,
    )
    setattr(user, attribute, organisation)
    if role in ADMIN_FLAGS:
        setattr(user, ADMIN_FLAGS[role][0], account.admin)
    user.set_password(secrets.token_urlsafe(32))
    db.session.add(user)
    record(actor, "user.added", user, changes({}, snapshot(user, user_labels(role))))
    token = issue_link(user, LinkPurpose.SET_PASSWORD)
    return user, set_password_mail(user, token, LinkPurpose.SET_PASSWORD)


def user_labels(role: Role) -> dict[str, str]:
    """The audited fields of a user of `role`: the common ones and its admin flag, if any."""
    flag = ADMIN_FLAGS.get(role)
    return {**USER_LABELS, flag[0]: flag[1]} if flag else USER_LABELS


def set_user_active(actor: User, user: User, active: bool) -> None:
    """Disable an account (it cannot log in, and its sessions end) or enable it again."""
    if user.id == actor.id:
        raise DomainError("ご自身のアカウントは無効にできません。")
    if user.is_active == active:
        return
    user.is_active = active
    if not active:
        user.end_sessions()
    record(
        actor,
        "user.enabled" if active else "user.disabled",
        user,
        f"有効: {'いいえ → はい' if active else 'はい → いいえ'}",
    )


def change_password(user: User, current: str, new: str) -> None:
    """The user's own password change; it also ends the first-login obligation."""
    if not user.check_password(current):
        raise DomainError(
            "パスワードを変更できませんでした。",
            {"current_password": "現在のパスワードが正しくありません。"},
        )
    problem = password_problem(new, user.login_id)
    if problem is None and new == current:
        problem = "現在と同じパスワードは使えません。"
    if problem:
        raise DomainError("パスワードを変更できませんでした。", {"new_password": problem})
    user.set_password(new)
    user.must_change_password = False
    user.end_sessions()  # other sessions end; the caller renews the current one
    record(user, "account.password_changed", user, "パスワードを変更")


def login_id_usable(login_id: str) -> bool:
    """Whether a new account may take `login_id`: neither reserved nor in use. Refused alike,
    so the answer never confirms that another organisation's ID exists."""
    return not login_id_reserved(login_id) and not login_id_taken(login_id)


def free_login_id(login_id: str) -> str:
    """The first usable ID made of `login_id` and a number, to suggest instead."""
    return next(v for v in login_id_variants(login_id) if login_id_usable(v))


def login_id_taken(login_id: str) -> bool:
    """Whether a login ID is in use, ignoring case (so 'Tanaka' and 'tanaka' cannot coexist)."""
    query = select(User.id).where(func.lower(User.login_id) == login_id.lower()).limit(1)
    return db.session.scalar(query) is not None


_ROLE_OF = {
    "Contractor": (Role.APPLICANT, "contractor"),
    "Branch": (Role.BRANCH, "branch"),
    "Orderer": (Role.VERIFIER, "orderer"),
}
