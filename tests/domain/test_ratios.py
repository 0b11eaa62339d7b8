"""Tests for guarantee amounts, limits and their checks."""

from decimal import Decimal

import pytest

from domain.ratios import (
    AmountRules,
    advance_limit,
    check_amounts,
    combined_limit,
    contract_minimum,
    floor_to_unit,
    format_percent,
    interim_limit,
    ratio_percent,
)
from domain.yen import format_yen

RULES = AmountRules()
PRICE = 50_000_000


@pytest.mark.parametrize(
    ("amount", "base", "expected"),
    [
        (20_000_000, 50_000_000, Decimal("40.0")),
        (1, 3, Decimal("33.3")),
        (2, 3, Decimal("66.7")),
        (1_225, 10_000, Decimal("12.3")),  # 12.25 rounds half up
        (0, 10_000, Decimal("0.0")),
        (5, 0, None),
        (5, -1, None),
    ],
)
def test_ratio_percent(amount: int, base: int, expected: Decimal | None) -> None:
    assert ratio_percent(amount, base) == expected


@pytest.mark.parametrize(
    ("ratio", "text"),
    [(Decimal("40.0"), "40.0%"), (Decimal("33.3"), "33.3%"), (Decimal(5), "5.0%"), (None, "0.0%")],
)
def test_format_percent(ratio: Decimal | None, text: str) -> None:
    assert format_percent(ratio) == text


@pytest.mark.parametrize(
    ("amount", "text"), [(20_000_000, "20,000,000円"), (999, "999円"), (0, "0円")]
)
def test_format_yen(amount: int, text: str) -> None:
    assert format_yen(amount) == text


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [(20_123_456, 1, 20_123_456), (20_123_456, 100_000, 20_100_000), (99_999, 100_000, 0)],
)
def test_floor_to_unit(amount: int, unit: int, expected: int) -> None:
    assert floor_to_unit(amount, unit) == expected


def test_floor_to_unit_needs_a_positive_unit() -> None:
    with pytest.raises(ValueError, match="unit"):
        floor_to_unit(100, 0)


def test_limits() -> None:
    assert advance_limit(PRICE, RULES) == 20_000_000
    assert interim_limit(PRICE, RULES) == 10_000_000
    assert combined_limit(PRICE, RULES) == 30_000_000
    assert contract_minimum(PRICE, RULES) == 5_000_000


def test_limits_cut_yen_fractions_down_and_the_minimum_rounds_up() -> None:
    assert advance_limit(12_345_679, RULES) == 4_938_271  # 4,938,271.6
    assert contract_minimum(12_345_679, RULES) == 1_234_568  # 1,234,567.9


def test_rounding_unit_lowers_the_limit() -> None:
    rules = AmountRules(rounding_unit=100_000)
    assert advance_limit(50_490_000, RULES) == 20_196_000
    assert advance_limit(50_490_000, rules) == 20_100_000
    assert check_amounts(50_490_000, None, 20_196_000, None, None, RULES) == {}
    assert list(check_amounts(50_490_000, None, 20_196_000, None, None, rules)) == [
        "advance_amount"
    ]


def test_no_amounts_no_errors() -> None:
    assert check_amounts(PRICE, None, None, None, None, RULES) == {}


def test_valid_amounts_pass() -> None:
    assert check_amounts(PRICE, None, 20_000_000, 10_000_000, 5_000_000, RULES) == {}


def test_advance_over_four_tenths_is_rejected() -> None:
    assert check_amounts(PRICE, None, 20_000_001, None, None, RULES) == {
        "advance_amount": "前払金保証金額は請負金額の40%（20,000,000円）以下にしてください。"
    }


def test_this_year_amount_is_the_base() -> None:
    assert check_amounts(PRICE, 20_000_000, 8_000_000, None, None, RULES) == {}
    assert check_amounts(PRICE, 20_000_000, 8_000_001, None, None, RULES) == {
        "advance_amount": "前払金保証金額は今年度対象額の40%（8,000,000円）以下にしてください。"
    }


def test_orderer_ratio_and_rounding_unit_apply() -> None:
    rules = AmountRules(advance_ratio=Decimal("0.3"), rounding_unit=100_000)
    errors = check_amounts(10_050_000, None, 3_015_000, None, None, rules)
    assert errors == {
        "advance_amount": "前払金保証金額は請負金額の30%（3,000,000円）以下にしてください。"
    }


def test_interim_over_two_tenths_is_rejected() -> None:
    errors = check_amounts(PRICE, None, 10_000_000, 10_000_001, None, RULES)
    assert errors == {
        "interim_amount": "中間前払金保証金額は請負金額の20%（10,000,000円）以下にしてください。"
    }


def test_advance_and_interim_over_six_tenths_is_rejected() -> None:
    rules = AmountRules(combined_ratio=Decimal("0.5"))
    errors = check_amounts(PRICE, None, 20_000_000, 10_000_000, None, rules)
    assert errors == {
        "interim_amount": (
            "前払金保証金額と中間前払金保証金額の合計（30,000,000円）が請負金額の5/10"
            "（25,000,000円）を超えます。合計をこの額以下にしてください。"
        )
    }


def test_combined_limit_is_not_repeated_when_the_advance_is_wrong() -> None:
    errors = check_amounts(PRICE, None, 25_000_000, 10_000_000, None, RULES)
    assert list(errors) == ["advance_amount"]


def test_interim_requires_advance() -> None:
    assert check_amounts(PRICE, None, None, 1_000_000, None, RULES) == {
        "interim_amount": "中間前払金保証は前払金保証と併せてお申し込みください。"
    }


def test_contract_below_one_tenth_is_rejected() -> None:
    assert check_amounts(PRICE, None, 1_000_000, None, 5_000_000, RULES) == {}
    assert check_amounts(PRICE, None, 1_000_000, None, 4_999_999, RULES) == {
        "contract_amount": "契約保証金額は請負金額の10%（5,000,000円）以上にしてください。"
    }


def test_contract_requires_advance() -> None:
    errors = check_amounts(PRICE, None, None, None, 5_000_000, RULES)
    assert list(errors) == ["contract_amount"]
    assert errors["contract_amount"].startswith("契約保証は前払金保証と同じ工事でのみ")


@pytest.mark.parametrize(
    ("field", "amounts", "message"),
    [
        ("advance_amount", (None, 0, None, None), "前払金保証金額は1円以上で入力してください。"),
        ("interim_amount", (None, 1, -1, None), "中間前払金保証金額は1円以上で入力してください。"),
        ("contract_amount", (None, 1, None, 0), "契約保証金額は1円以上で入力してください。"),
        ("this_year_amount", (0, None, None, None), "今年度対象額は1円以上で入力してください。"),
        (
            "advance_amount",
            (None, PRICE + 1, None, None),
            "前払金保証金額は請負金額（50,000,000円）以下にしてください。",
        ),
        (
            "this_year_amount",
            (PRICE + 1, None, None, None),
            "今年度対象額は請負金額（50,000,000円）以下にしてください。",
        ),
        (
            "contract_amount",
            (None, 1, None, PRICE + 1),
            "契約保証金額は請負金額（50,000,000円）以下にしてください。",
        ),
    ],
)
def test_amounts_are_positive_and_within_the_price(
    field: str, amounts: tuple[int | None, int | None, int | None, int | None], message: str
) -> None:
    assert check_amounts(PRICE, *amounts, RULES) == {field: message}


@pytest.mark.parametrize("price", [None, 0])
def test_ratio_checks_wait_for_a_price(price: int | None) -> None:
    assert check_amounts(price, None, 99_000_000, None, 1, RULES) == {}
    assert check_amounts(price, None, 0, None, None, RULES) == {
        "advance_amount": "前払金保証金額は1円以上で入力してください。"
    }


def test_every_violation_is_reported() -> None:
    errors = check_amounts(PRICE, None, 20_000_001, 10_000_001, 4_999_999, RULES)
    assert set(errors) == {"advance_amount", "interim_amount", "contract_amount"}
