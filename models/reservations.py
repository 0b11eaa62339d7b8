"""Issued 契約保証予約 (bid bonds) and the per-branch serials of their 予約番号."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.applications import Application
from models.organisations import Branch
from models.types import UTCDateTime, Yen
from models.users import User


class ReservationSerial(db.Model):
    """The last serial a branch used in a 予約番号: a series of its own, only counting up."""

    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"), primary_key=True)
    last_serial: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        CheckConstraint("last_serial >= 0 AND last_serial <= 999999", name="serial_range"),
    )


class Reservation(db.Model):
    """An issued 契約保証予約: its 予約番号, the amount reserved, the 予約手数料 and its tax."""

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 予約番号 予NNNNN-NNNNNN.
    number: Mapped[str] = mapped_column(String(20), unique=True)
    #: One 予約 per application: the backstop against issuing twice.
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), unique=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"), index=True)
    #: The contract guarantee amount reserved, and the 入札金額 it rests on.
    amount: Mapped[int] = mapped_column(Yen)
    bid_price: Mapped[int] = mapped_column(Yen)
    #: 予約手数料 before tax, the rate and tax in force at issue, kept as issued.
    fee: Mapped[int] = mapped_column(Yen)
    tax_rate: Mapped[Decimal] = mapped_column(Numeric(5, 4))
    tax: Mapped[int] = mapped_column(Yen)
    fee_is_sample: Mapped[bool] = mapped_column(default=True)
    issued_on: Mapped[date]
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    application: Mapped[Application] = relationship(
        backref=db.backref("reservation", uselist=False)
    )
    branch: Mapped[Branch] = relationship()
    issued_by: Mapped[User] = relationship()

    @property
    def total(self) -> int:
        return self.fee + self.tax
