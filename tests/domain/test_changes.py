"""Tests for the rules of changes to an issued guarantee and their fees."""

from datetime import date
from decimal import Decimal

import pytest

from domain.changes import VersionKind, check_change, version_label
from domain.fees import FeeRate, change_fee_difference, check_fee_rate, format_rate

START, END = date(2026, 12, 1), date(2027, 9, 30)


@pytest.mark.parametrize(
    ("kind", "amount", "end", "key", "message"),
    [
        (VersionKind.INCREASE, 0, None, "new_amount", "1円以上"),
        (VersionKind.INCREASE, -5, None, "new_amount", "1円以上"),
        (VersionKind.INCREASE, 60_000_000, None, "new_amount", "請負金額（50,000,000円）以下"),
        (VersionKind.INCREASE, 19_000_000, None, "new_amount", "より大きい額"),
        (VersionKind.DECREASE, 21_000_000, None, "new_amount", "より小さい額"),
        (VersionKind.DECREASE, None, None, "new_amount", "入力してください"),
        (VersionKind.EXTENSION, None, date(2026, 11, 30), "new_end", "着工日以降"),
        (VersionKind.EXTENSION, None, END, "new_end", "同じ日付"),
        (VersionKind.CORRECTION, 20_000_000, None, "new_end", "入力してください"),
    ],
)
def test_impossible_changes_are_refused(kind, amount, end, key, message):
    problems = check_change(kind, 20_000_000, END, amount, end, 50_000_000, START)
    assert message in problems[key]


def test_a_sound_change_has_no_problem():
    assert (
        check_change(VersionKind.INCREASE, 20_000_000, END, 25_000_000, None, 50_000_000, START)
        == {}
    )


def test_labels_count_changes_and_hide_corrections():
    assert version_label(VersionKind.NEW, 0) == "新規"
    assert version_label(VersionKind.EXTENSION, 2) == "変更-2"
    assert version_label(VersionKind.CORRECTION, 2) == "訂正"
    assert not VersionKind.UNDO.visible and not VersionKind.CORRECTION.visible
    assert VersionKind.INCREASE.visible and VersionKind.INCREASE.is_change


def test_the_fee_difference_covers_the_remaining_days():
    rate = FeeRate(Decimal("0.0045"), 5_000)
    on = date(2027, 4, 1)  # 183 days to 2027-09-30 inclusive
    assert change_fee_difference(20_000_000, END, 25_000_000, END, rate, on) == 11_281
    assert change_fee_difference(20_000_000, END, 15_000_000, END, rate, on) == -11_281
    assert change_fee_difference(20_000_000, END, 20_000_000, date(2027, 10, 30), rate, on) == 7_397
    assert (
        change_fee_difference(20_000_000, date(2027, 3, 1), 20_000_000, date(2027, 3, 2), rate, on)
        == 0
    )


def test_fee_rates_are_checked_and_printed_as_people_read_them():
    assert check_fee_rate(Decimal("0.1"), 0) == {}
    assert "annual_rate" in check_fee_rate(Decimal("0.1001"), 0)
    assert set(check_fee_rate(None, None)) == {"annual_rate", "minimum_fee"}
    assert format_rate(Decimal("0.0045")) == "年0.45%"
    assert format_rate(Decimal("0.01")) == "年1%"
