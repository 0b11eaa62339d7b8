"""One-time links that set or reset a password: issue, look up, use once."""

import hashlib
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import select, update

from clock import now
from domain.credentials import password_problem
from extensions import db
from models import LinkPurpose, OneTimeLink, OutboxMail, User
from notifications import mails
from operations.audit import record
from operations.errors import DomainError

#: How long a link can be followed after it was issued.
VALID_FOR = {
    LinkPurpose.SET_PASSWORD: timedelta(days=7),
    LinkPurpose.RESET_PASSWORD: timedelta(hours=1),
}
INVALID_LINK = (
    "このリンクは使用済みか、有効期限が切れています。"
    "お手数ですが、パスワードの再設定をもう一度お申し込みください。"
)


def digest(token: str) -> str:
    """The stored form of a token (SHA-256; the token is 256 random bits, so no salt is needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue_link(user: User, purpose: LinkPurpose) -> str:
    """A new link's token for `user`; earlier unused links of the same purpose stop working."""
    moment = now()
    db.session.execute(
        update(OneTimeLink)
        .where(
            OneTimeLink.user_id == user.id,
            OneTimeLink.purpose == purpose,
            OneTimeLink.used_at.is_(None),
            OneTimeLink.expires_at > moment,
        )
        .values(expires_at=moment)
    )
    token = secrets.token_urlsafe(32)
    db.session.add(
        OneTimeLink(
            user=user,
            purpose=purpose,
            token_digest=digest(token),
            created_at=moment,
            expires_at=moment + VALID_FOR[purpose],
        )
    )
    return token


def link_url(token: str) -> str:
    """The full address of the page a token opens (for mail)."""
    return public_url("account.follow_link", token=token)


def public_url(endpoint: str, **values) -> str:
    """The full address of a page for a mail, always under PUBLIC_URL: never from the
    request's Host (or X-Forwarded-Host), which whoever sends the request chooses."""
    base = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path.rstrip("/") or "/", url_scheme=base.scheme
    )
    return adapter.build(endpoint, values, force_external=True)


def usable_link(token: str) -> OneTimeLink | None:
    """The link of `token` if it can still be followed (unused, unexpired, active user)."""
    link = db.session.scalar(select(OneTimeLink).where(OneTimeLink.token_digest == digest(token)))
    if link is None or not link.usable_at(now()) or not link.user.is_active:
        return None
    return link


def set_password_with_link(token: str, password: str) -> User:
    """Follow a link: set the user's password and spend the link (once, even under races)."""
    link = usable_link(token)
    if link is None:
        raise DomainError(INVALID_LINK)
    problem = password_problem(password, link.user.login_id)
    if problem:
        raise DomainError("パスワードを設定できませんでした。", {"password": problem})
    spent = db.session.execute(
        update(OneTimeLink)
        .where(OneTimeLink.id == link.id, OneTimeLink.used_at.is_(None))
        .values(used_at=now())
    )
    if spent.rowcount != 1:
        raise DomainError(INVALID_LINK)
    user = link.user
    user.set_password(password)
    user.must_change_password = False
    user.end_sessions()
    record(user, f"account.{link.purpose.value}", user, f"{link.purpose.label}（一回限りのリンク）")
    return user


def request_password_reset(email: str) -> list[OutboxMail]:
    """A reset link for each active account with this address (none for an unknown one).

    The caller answers the same either way, so the page never tells whether an address exists.
    """
    address = email.strip().lower()
    users = db.session.scalars(
        select(User).where(db.func.lower(User.email) == address, User.is_active.is_(True))
    ).all()
    queued = []
    for user in users:
        token = issue_link(user, LinkPurpose.RESET_PASSWORD)
        record(None, "account.reset_requested", user, "パスワード再設定のリンクを発行")
        queued.append(set_password_mail(user, token, LinkPurpose.RESET_PASSWORD))
    return [mail for mail in queued if mail is not None]


def set_password_mail(user: User, token: str, purpose: LinkPurpose) -> OutboxMail | None:
    """Queue the mail carrying a link (email/set_password or email/reset_password)."""
    return mails.password_link(
        user, purpose.value, link_url(token), _hours_text(VALID_FOR[purpose])
    )


def _hours_text(period: timedelta) -> str:
    hours = int(period.total_seconds() // 3600)
    return f"{hours // 24}日間" if hours >= 24 and hours % 24 == 0 else f"{hours}時間"
