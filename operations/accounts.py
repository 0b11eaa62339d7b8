"""Accounts: checking a login."""

from functools import cache

from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from extensions import db
from models import User


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
    if not user.check_password(password) or not user.is_active:
        return None
    return user
