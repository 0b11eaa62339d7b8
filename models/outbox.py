"""The outbox: every mail is stored in the request's transaction and sent by the mail worker,
retried when it fails."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db
from models.types import UTCDateTime, utcnow


class MailState(enum.StrEnum):
    """Where a mail is on its way out."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"

    @property
    def label(self) -> str:
        return {"pending": "送信待ち", "sent": "送信済", "failed": "送信失敗"}[self.value]


class OutboxMail(db.Model):
    """One mail to one address, with its delivery attempts."""

    id: Mapped[int] = mapped_column(primary_key=True)
    to: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[MailState] = mapped_column(default=MailState.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The branch whose staff may read it on the outbox page.
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id"), index=True)
    #: The record the mail is about, e.g. ("Application", 12) or ("GuaranteeContract", 3).
    subject_type: Mapped[str] = mapped_column(String(50), default="")
    subject_id: Mapped[int | None]
    #: The Message-ID every attempt carries, so a receiver can drop a repeated delivery.
    message_id: Mapped[str] = mapped_column(String(255))
    #: A worker sending it holds it until then; after that another worker may take it over.
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Which worker's claim that is (a random token per claim).
    claim_token: Mapped[str] = mapped_column(String(32), default="")

    __table_args__ = (
        Index("ix_outbox_mail_due", "state", "next_attempt_at"),
        Index("ix_outbox_mail_subject", "subject_type", "subject_id"),
    )
