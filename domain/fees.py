"""Guarantee fees: an annual rate applied per day, with a minimum fee."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

_DAYS_PER_YEAR = 365


@dataclass(frozen=True)
class FeeRate:
    """One row of the fee table: the annual rate and the minimum fee in yen."""

    annual_rate: Decimal
    minimum_fee: int


def guarantee_days(start: date, end: date) -> int:
    """Count the guarantee days from start to end, both included."""
    if end < start:
        raise ValueError("保証期限は保証開始日以降の日付にしてください。")
    return (end - start).days + 1


def guarantee_fee(amount: int, rate: FeeRate, start: date, end: date) -> int:
    """Compute max(minimum, floor(amount × annual rate × days / 365)) in yen."""
    days = guarantee_days(start, end)
    fee = _floor_yen(Decimal(amount) * rate.annual_rate * days / _DAYS_PER_YEAR)
    return max(rate.minimum_fee, fee)


def _floor_yen(value: Decimal) -> int:
    """Cut yen fractions: the one rounding of fees."""
    return int(value.to_integral_value(rounding=ROUND_FLOOR))
