"""The fee schedule (保証料率表): one row per edit, so every rate ever used stays on record."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Numeric
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.fees import FeeRate
from domain.kinds import GuaranteeKind, OrdererCategory
from domain.reservations import FeeBands
from extensions import db
from models.types import UTCDateTime, Yen, utcnow
from models.users import User


class FeeRateEntry(db.Model):
    """The annual rate and minimum fee of one guarantee kind × 発注者区分, from `set_at` on.

    Entries are never updated: an edit adds a row that `replaces` the current one, and the
    current rate of a pair is the row nothing replaces.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[GuaranteeKind]
    orderer_category: Mapped[OrdererCategory]
    annual_rate: Mapped[Decimal] = mapped_column(Numeric(7, 6))
    minimum_fee: Mapped[int] = mapped_column(Yen)
    #: The entry this one replaced; unique, so two edits of the same entry cannot both win.
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("fee_rate_entry.id"), unique=True)
    #: Sample rates shipped with the product (real tariffs are not public).
    is_sample: Mapped[bool] = mapped_column(default=False)
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    set_by: Mapped[User | None] = relationship()
    replaces: Mapped["FeeRateEntry | None"] = relationship(remote_side=[id])

    __table_args__ = (
        CheckConstraint("annual_rate >= 0 AND annual_rate <= 0.1", name="annual_rate_range"),
        CheckConstraint("minimum_fee >= 0", name="minimum_fee_not_negative"),
        Index("ix_fee_rate_entry_pair", "kind", "orderer_category"),
    )

    @property
    def rate(self) -> FeeRate:
        return FeeRate(self.annual_rate, self.minimum_fee)


class ReservationFeeTable(db.Model):
    """The 予約手数料 table (契約保証予約) head office set, from `set_at` on.

    Tables are never updated: an edit adds a row that `replaces` the one in force, and the
    table in force is the newest row; with no row, the sample table is in force.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    #: [[upper bound or null, fee], …] in rising order (domain.reservations.FeeBands).
    bands: Mapped[list] = mapped_column(JSON)
    #: The table this one replaced; unique, so two edits of the same table cannot both win.
    replaces_id: Mapped[int | None] = mapped_column(
        ForeignKey("reservation_fee_table.id"), unique=True
    )
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    set_by: Mapped[User | None] = relationship()
    replaces: Mapped["ReservationFeeTable | None"] = relationship(remote_side=[id])

    @property
    def fee_bands(self) -> FeeBands:
        return tuple((upper, fee) for upper, fee in self.bands)
