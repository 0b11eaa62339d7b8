"""一括確認: a clerk's upload of many numbers and keys, and the CSV it gave back."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.types import UTCDateTime
from models.users import User


class BulkCheck(db.Model):
    """One upload: its lines count towards the orderer's hourly bulk budget; the result CSV
    (UTF-8 with BOM) is kept for its clerk to download. The keys are never kept."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    orderer_id: Mapped[int] = mapped_column(ForeignKey("orderer.id"))
    lines: Mapped[int]
    confirmed: Mapped[int]
    mismatched: Mapped[int]
    failed: Mapped[int]
    result: Mapped[bytes] = mapped_column(LargeBinary)

    user: Mapped[User] = relationship()

    __table_args__ = (Index("ix_bulk_check_orderer_at", "orderer_id", "at"),)
