"""The checks on an orderer's rules as staff enter them."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from domain.kinds import GuaranteeKind, OrdererCategory, StartBasis
from domain.orderer_rules import OrdererSettings, check_orderer_settings

VALID = OrdererSettings(
    name="サンプル市",
    creditor_name="サンプル市長",
    category=OrdererCategory.MUNICIPALITY,
    contact="",
    accepted_kinds=frozenset({GuaranteeKind.ADVANCE}),
    e_surety_start=date(2025, 4, 1),
    e_surety_basis=StartBasis.CONTRACT,
    advance_ratio=Decimal("0.4"),
    rounding_unit=10_000,
    contract_min_ratio=Decimal("0.1"),
)


def test_valid_settings_pass():
    assert check_orderer_settings(VALID) == {}
    assert check_orderer_settings(replace(VALID, advance_ratio=Decimal(1))) == {}


@pytest.mark.parametrize("ratio", [Decimal(0), Decimal("-0.1"), Decimal("1.01"), Decimal(40)])
def test_ratios_outside_zero_to_one_are_refused(ratio):
    problems = check_orderer_settings(replace(VALID, advance_ratio=ratio, contract_min_ratio=ratio))
    assert "0より大きく1以下" in problems["advance_ratio"]
    assert "0より大きく1以下" in problems["contract_min_ratio"]


def test_more_than_three_decimals_are_refused():
    problems = check_orderer_settings(replace(VALID, advance_ratio=Decimal("0.3333")))
    assert "小数点以下3桁" in problems["advance_ratio"]


def test_a_start_date_needs_its_basis_and_the_reverse():
    assert "基準日" in check_orderer_settings(replace(VALID, e_surety_basis=None))["e_surety_basis"]
    assert "開始日" in check_orderer_settings(replace(VALID, e_surety_start=None))["e_surety_start"]


def test_a_start_date_needs_an_accepted_kind():
    problems = check_orderer_settings(replace(VALID, accepted_kinds=frozenset()))
    assert "accepted_kinds" in problems


def test_rounding_unit_and_name_are_checked():
    problems = check_orderer_settings(
        replace(VALID, rounding_unit=0, name=" ", creditor_name="\u3000")
    )
    assert set(problems) == {"rounding_unit", "name", "creditor_name"}
    assert problems["creditor_name"] == "保証債権者を入力してください。"
