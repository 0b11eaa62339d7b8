"""Tests for Japanese era dates."""

from datetime import date

import pytest

from domain.wareki import to_wareki


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2020, 1, 1), "令和2年1月1日"),
        (date(2023, 12, 1), "令和5年12月1日"),
        (date(2024, 4, 1), "令和6年4月1日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
    ],
)
def test_to_wareki(day: date, expected: str) -> None:
    assert to_wareki(day) == expected


def test_before_showa_is_refused() -> None:
    with pytest.raises(ValueError, match="Showa"):
        to_wareki(date(1926, 12, 24))
