"""Login sessions kept on the server: the cookie carries a random id, this table says if it
still stands (ended at logout, after an idle time, after a lifetime)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.types import UTCDateTime
from models.users import User


class UserSession(db.Model):
    """One login of one user, from the login until logout or expiry (then the row is gone)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    #: SHA-256 of the random id in the cookie (hex): the id itself is never stored.
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The last request seen, refreshed at most once a minute.
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
