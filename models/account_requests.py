"""利用申込: a contractor company asks a branch for a Net Desk account."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.organisations import Branch, Contractor
from models.types import UTCDateTime, utcnow
from models.users import User


class RequestStatus(enum.StrEnum):
    """Where a 利用申込 stands."""

    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return {"pending": "審査待ち", "approved": "承認済み", "declined": "謝絶"}[self.value]

    @property
    def badge(self) -> str:
        """The colour of its status badge (static/app.css .status-<badge>)."""
        return {"pending": "submitted", "approved": "issued", "declined": "declined"}[self.value]


class AccountRequest(db.Model):
    """What a company entered on the public form, and the branch's decision on it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    company_name: Mapped[str] = mapped_column(String(100))
    representative: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(200))
    #: 建設業許可番号, as written on the licence, e.g. 秋田県知事許可（般-5）第12345号.
    permit_number: Mapped[str] = mapped_column(String(50))
    contact_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str] = mapped_column(String(20))
    #: The branch the company chose: it decides.
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"), index=True)
    status: Mapped[RequestStatus] = mapped_column(default=RequestStatus.PENDING, index=True)
    #: Why it was declined; mailed to the company.
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    #: The company and first user created on approval.
    contractor_id: Mapped[int | None] = mapped_column(ForeignKey("contractor.id"))

    branch: Mapped[Branch] = relationship()
    decided_by: Mapped[User | None] = relationship()
    contractor: Mapped[Contractor | None] = relationship()

    @property
    def number(self) -> str:
        """The number shown to people, e.g. R-000012."""
        return f"R-{self.id:06d}"
