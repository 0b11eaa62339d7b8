"""One-time links: a random token, kept only as its digest, that sets a password once."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.types import UTCDateTime, utcnow
from models.users import User


class LinkPurpose(enum.StrEnum):
    """What following the link lets its holder do."""

    SET_PASSWORD = "set_password"  # noqa: S105  (a purpose, not a password)
    RESET_PASSWORD = "reset_password"  # noqa: S105

    @property
    def label(self) -> str:
        return "パスワードの設定" if self is LinkPurpose.SET_PASSWORD else "パスワードの再設定"


class OneTimeLink(db.Model):
    """A link mailed to a user; valid until `expires_at`, and only until first used."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    purpose: Mapped[LinkPurpose]
    #: SHA-256 of the token (hex): the token itself is never stored.
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    def usable_at(self, moment: datetime) -> bool:
        return self.used_at is None and moment < self.expires_at
