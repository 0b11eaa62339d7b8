"""The 予約手数料 table of 契約保証予約: the one in force, its history, and head office's edit."""

from dataclasses import dataclass

from sqlalchemy import select

from clock import now
from domain.reservations import (
    SAMPLE_RESERVATION_FEES,
    FeeBands,
    check_fee_bands,
    describe_fee_bands,
    fee_bands_of,
)
from extensions import db
from models import ReservationFeeTable, User
from operations.audit import record
from operations.errors import INVALID_INPUT, DomainError, StaleError


@dataclass(frozen=True)
class FeeTableInForce:
    """The bands in force, the row that set them (None: the sample table shipped)."""

    bands: FeeBands
    entry: ReservationFeeTable | None

    @property
    def is_sample(self) -> bool:
        return self.entry is None


def fee_table_in_force() -> FeeTableInForce:
    """The table set last (each replaces the one in force), or the sample table when head
    office has set none."""
    entry = db.session.scalar(
        select(ReservationFeeTable).order_by(ReservationFeeTable.id.desc()).limit(1)
    )
    return FeeTableInForce(entry.fee_bands if entry else SAMPLE_RESERVATION_FEES, entry)


def fee_table_history() -> list[ReservationFeeTable]:
    """Every table set, newest first."""
    return db.session.scalars(
        select(ReservationFeeTable).order_by(ReservationFeeTable.id.desc())
    ).all()


def set_reservation_fees(
    user: User, rows: list[tuple[int | None, int | None]], based_on_id: int | None
) -> ReservationFeeTable:
    """Head office puts a new 予約手数料 table in force (予約 issued before keep their fee)."""
    if not user.is_head_office:
        raise DomainError("予約手数料表の変更は本店営業部の職員だけが行えます。")
    problems = check_fee_bands(rows)
    if problems:
        raise DomainError(INVALID_INPUT, problems)
    current = fee_table_in_force()
    if (current.entry.id if current.entry else None) != based_on_id:
        raise StaleError("予約手数料表")
    bands = fee_bands_of(rows)
    if bands == current.bands:
        raise DomainError("現在の予約手数料表と同じです。変更する値を入力してください。")
    entry = ReservationFeeTable(
        bands=[list(band) for band in bands], replaces=current.entry, set_by=user, set_at=now()
    )
    db.session.add(entry)
    before = describe_fee_bands(current.bands) + ("（サンプルデータ）" if current.is_sample else "")
    record(user, "reservation_fees.set", entry, f"{before} → {describe_fee_bands(bands)}")
    return entry
