"""API tokens of an orderer's 連携システム: only their SHA-256 is kept."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.types import UTCDateTime, utcnow
from models.users import User


class ApiToken(db.Model):
    """A bearer token of a system account (a User with is_system): shown once when issued,
    kept as its digest, usable until it expires or is revoked."""

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    #: SHA-256 (hex) of the token; the token itself is never stored.
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    #: The token's first characters, to tell tokens apart on the page (not a secret).
    hint: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    account: Mapped[User] = relationship(foreign_keys=[account_id])
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])

    def usable_at(self, moment: datetime) -> bool:
        """Neither revoked nor expired at `moment`, and its account (and orderer) still active."""
        return self.revoked_at is None and moment < self.expires_at and self.account.may_act
