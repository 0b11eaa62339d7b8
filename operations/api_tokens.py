"""連携システム: an orderer's system account and its API tokens.

An orderer's 発注者管理者 (or head office for it) names a system account and issues it tokens.
A token is shown once and kept only as its SHA-256: a 256-bit random token needs no slow hash,
as no list of guesses reaches it. Tokens expire (a year unless said otherwise) and can be
revoked; each step is audited. The account is a User with `is_system`, so a lookup by the API
runs the same operation, with the same lockout and limits, as a clerk's.
"""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from clock import now
from domain.japan_time import jst_text
from extensions import db
from models import ApiToken, Orderer, Role, User
from operations.audit import record
from operations.errors import DomainError
from operations.orderer_staff import check_orderer_admin

#: How long a token works unless the admin chooses otherwise.
DEFAULT_VALIDITY = timedelta(days=365)
#: The longest validity an admin may choose.
MAX_VALIDITY_DAYS = 3 * 365
PREFIX = "esk_"


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_system_account(actor: User, orderer: Orderer, name: str) -> User:
    """A named 連携システム of `orderer`; it can never log in on the pages."""
    check_orderer_admin(actor, orderer)
    name = name.strip()
    if not name:
        message = "連携システム名を入力してください。"
        raise DomainError(message, {"name": message})
    account = User(
        login_id=f"system-{orderer.id}-{secrets.token_hex(6)}",
        # Nobody knows this password, and login refuses system accounts anyway.
        password_hash=generate_password_hash(secrets.token_urlsafe(32)),
        name=name[:100],
        role=Role.VERIFIER,
        orderer=orderer,
        is_system=True,
        created_at=now(),
    )
    db.session.add(account)
    record(actor, "system_account.created", account, f"連携システム: {account.name}")
    return account


def issue_token(
    actor: User, account: User, validity: timedelta = DEFAULT_VALIDITY
) -> tuple[ApiToken, str]:
    """A new token of `account` and the token itself (to be shown once, never again)."""
    check_orderer_admin(actor, account.orderer)
    if not account.is_system or not account.is_active:
        raise DomainError("この連携システムにはトークンを発行できません。")
    if not timedelta(days=1) <= validity <= timedelta(days=MAX_VALIDITY_DAYS):
        message = f"有効期間は1日から{MAX_VALIDITY_DAYS}日までで指定してください。"
        raise DomainError(message, {"days": message})
    secret = PREFIX + secrets.token_urlsafe(32)
    at = now()
    token = ApiToken(
        account=account,
        digest=digest_of(secret),
        hint=secret[:10],
        created_at=at,
        created_by=actor,
        expires_at=at + validity,
    )
    db.session.add(token)
    record(
        actor,
        "api_token.issued",
        token,
        f"{account.name}（{token.hint}…）有効期限 {jst_text(token.expires_at)}",
    )
    return token, secret


def revoke_token(actor: User, token: ApiToken) -> None:
    """The token stops working at once; revoking it again changes nothing."""
    check_orderer_admin(actor, token.account.orderer)
    if token.revoked_at is not None:
        return
    token.revoked_at = now()
    record(actor, "api_token.revoked", token, f"{token.account.name}（{token.hint}…）")


def account_of(secret: str) -> User | None:
    """The active system account whose usable token this is, or None (noting its last use)."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        digest_of(secret)  # the same work either way
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.digest == digest_of(secret)))
    at = now()
    if token is None or not token.account.is_system or not token.usable_at(at):
        return None
    token.last_used_at = at
    return token.account


def system_accounts(orderer: Orderer) -> list[User]:
    return db.session.scalars(
        select(User)
        .where(User.orderer_id == orderer.id, User.is_system.is_(True))
        .order_by(User.id)
    ).all()


def tokens_of(account: User) -> list[ApiToken]:
    return db.session.scalars(
        select(ApiToken).where(ApiToken.account_id == account.id).order_by(ApiToken.id.desc())
    ).all()
