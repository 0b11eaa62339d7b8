"""Login sessions on the server: start one at login, check and refresh it on each request,
end it at logout. A password change or a disabled account ends all of a user's sessions
through `User.session_version` (checked beside these). Once a day the sessions past their
expiry are deleted, so those of users who never come back do not stay."""

import hashlib
import secrets
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import joinedload

from clock import now
from extensions import db
from models import User, UserSession
from operations.daily_jobs import daily_job

#: last_seen_at is written at most this often (not on every request).
REFRESH_EVERY = timedelta(minutes=1)
#: Expired sessions deleted per batch (each batch its own short transaction).
CLEANUP_BATCH = 1000


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _idle_limit() -> timedelta:
    return timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])


def _lifetime() -> timedelta:
    return timedelta(hours=current_app.config["SESSION_LIFETIME_HOURS"])


def start_session(user: User) -> str:
    """A new session of `user`; returns the random id the cookie carries.

    The user's sessions that have expired are removed on the way.
    """
    moment = now()
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id, _expired(moment)))
    token = secrets.token_urlsafe(32)
    db.session.add(
        UserSession(user=user, token_digest=_digest(token), started_at=moment, last_seen_at=moment)
    )
    return token


def session_user(user_id: int, token: str | None) -> User | None:
    """The user `user_id` when the session `token` is theirs and still stands, read in one
    query (with the orderer, which every request of a clerk checks); refreshes the session's
    idle time.

    The refresh is committed on its own (at most once a minute), so a request that answers
    with an error (a 422 from a field check) still counts as activity.
    """
    if not token:
        return None
    moment = now()
    row = db.session.execute(
        select(User, UserSession.id, UserSession.started_at, UserSession.last_seen_at)
        .join(UserSession, UserSession.user_id == User.id)
        .where(User.id == user_id, UserSession.token_digest == _digest(token))
        .options(joinedload(User.orderer))
    ).first()
    if row is None:
        return None
    if moment >= row.started_at + _lifetime() or moment >= row.last_seen_at + _idle_limit():
        return None
    if moment - row.last_seen_at >= REFRESH_EVERY:
        with db.engine.begin() as connection:
            connection.execute(
                update(UserSession).where(UserSession.id == row.id).values(last_seen_at=moment)
            )
    return row.User


def end_session(token: str | None) -> None:
    """End one session (logout): its cookie opens nothing any more, even a copy of it."""
    if token:
        db.session.execute(delete(UserSession).where(UserSession.token_digest == _digest(token)))


@daily_job("expired_sessions")
def delete_expired_sessions(day: date) -> None:
    """Delete every session past its idle expiry or its lifetime (a user's own are also
    removed at their next login; these are of users who never came back).

    In batches of CLEANUP_BATCH in the order of id, each committed on its own, so no long
    transaction holds the table (on SQLite, every writer). The day's claim is committed with the
    first batch: should a later one fail, the rest waits for the next day.
    """
    moment = now()
    after = 0
    while True:
        batch = db.session.scalars(
            select(UserSession.id)
            .where(UserSession.id > after, _expired(moment))
            .order_by(UserSession.id)
            .limit(CLEANUP_BATCH)
        ).all()
        if not batch:
            return
        db.session.execute(delete(UserSession).where(UserSession.id.in_(batch), _expired(moment)))
        db.session.commit()
        after = batch[-1]


def _expired(moment: datetime):
    """Sessions that no longer stand at `moment` (as `live_session` decides)."""
    return or_(
        UserSession.started_at <= moment - _lifetime(),
        UserSession.last_seen_at <= moment - _idle_limit(),
    )
