"""Tests for guarantee fees."""

from datetime import date
from decimal import Decimal

import pytest

from domain.fees import FeeRate, guarantee_days, guarantee_fee

RATE = FeeRate(annual_rate=Decimal("0.0040"), minimum_fee=5_000)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (date(2024, 4, 1), date(2024, 4, 1), 1),
        (date(2024, 4, 1), date(2024, 4, 2), 2),
        (date(2024, 4, 1), date(2025, 3, 31), 365),
        (date(2024, 2, 28), date(2024, 3, 1), 3),
    ],
)
def test_guarantee_days_are_inclusive(start: date, end: date, days: int) -> None:
    assert guarantee_days(start, end) == days


def test_end_before_start_is_refused() -> None:
    with pytest.raises(ValueError, match="保証期限"):
        guarantee_days(date(2024, 4, 2), date(2024, 4, 1))


@pytest.mark.parametrize(
    ("amount", "end", "fee"),
    [
        (20_000_000, date(2025, 3, 31), 80_000),  # a full year: 20,000,000 x 0.4%
        (20_000_000, date(2024, 9, 30), 40_109),  # 183 days: 40,109.58... cut to 40,109
        (10_000_000, date(2024, 4, 10), 5_000),  # 1,095.89... is below the minimum
        (1_000, date(2025, 3, 31), 5_000),
    ],
)
def test_guarantee_fee(amount: int, end: date, fee: int) -> None:
    assert guarantee_fee(amount, RATE, date(2024, 4, 1), end) == fee


def test_fee_has_no_float_error() -> None:
    rate = FeeRate(annual_rate=Decimal("0.0029"), minimum_fee=0)
    # Exactly 14,500 yen; the same sum in floats gives 14,499.99... and so 14,499.
    assert guarantee_fee(5_000_000, rate, date(2024, 4, 1), date(2025, 3, 31)) == 14_500
