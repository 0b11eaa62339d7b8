"""One row per state change, so every record's history can be told."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.types import UTCDateTime
from models.users import User


class AuditEntry(db.Model):
    """Who did what, to which record, when; never a secret (no password, no key)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    #: A short verb phrase, e.g. "application.submitted".
    action: Mapped[str] = mapped_column(String(50))
    subject_type: Mapped[str] = mapped_column(String(50))
    subject_id: Mapped[int]
    detail: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User | None] = relationship()

    __table_args__ = (
        Index("ix_audit_entry_subject", "subject_type", "subject_id"),
        #: The daily seal reads one day's entries.
        Index("ix_audit_entry_at", "at"),
    )
