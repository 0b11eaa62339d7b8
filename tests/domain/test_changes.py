"""Tests for the rules of changes to an issued guarantee and their fees."""

from datetime import date
from decimal import Decimal

import pytest

from domain.changes import (
    CertificateTerms,
    ContractFacts,
    RequestedChange,
    VersionKind,
    changed_terms,
    check_change,
    version_label,
)
from domain.fees import FeeRate, change_fee_difference, check_fee_rate, format_rate
from domain.kinds import GuaranteeKind
from domain.ratios import AmountRules

START, END = date(2026, 12, 1), date(2027, 9, 30)
FACTS = ContractFacts(50_000_000, START, END)
ADVANCE = CertificateTerms(20_000_000, END, FACTS)
RULES = AmountRules()


def _check(kind, guarantee=GuaranteeKind.ADVANCE, current=ADVANCE, base=None, **fields):
    return check_change(guarantee, current, RequestedChange(kind, **fields), RULES, base)


@pytest.mark.parametrize(
    ("kind", "fields", "key", "message"),
    [
        (VersionKind.INCREASE, {"new_amount": 0}, "new_amount", "1円以上"),
        (VersionKind.INCREASE, {"new_amount": -5}, "new_amount", "1円以上"),
        (VersionKind.INCREASE, {"new_amount": 60_000_000}, "new_amount", "（50,000,000円）以下"),
        (VersionKind.INCREASE, {"new_amount": 19_000_000}, "new_amount", "より大きい額"),
        (VersionKind.DECREASE, {"new_amount": 21_000_000}, "new_amount", "より小さい額"),
        (VersionKind.DECREASE, {}, "new_amount", "入力してください"),
        (VersionKind.EXTENSION, {"new_end": date(2026, 11, 30)}, "new_end", "着工日以降"),
        (VersionKind.EXTENSION, {"new_end": END}, "new_end", "同じ日付"),
        (VersionKind.CORRECTION, {"new_amount": 20_000_000}, "new_end", "入力してください"),
        # The advance's 4/10 ceiling, of the price the change records.
        (VersionKind.INCREASE, {"new_amount": 24_000_000}, "new_amount", "40%（20,000,000円）以下"),
        (
            VersionKind.INCREASE,
            {"new_amount": 24_000_000, "new_contract_price": 55_000_000},
            "new_amount",
            "40%（22,000,000円）以下",
        ),
        # 保証期限 stays within the 工期 the change records.
        (VersionKind.EXTENSION, {"new_end": date(2027, 10, 31)}, "new_end", "（2027/09/30）以前"),
        (
            VersionKind.EXTENSION,
            {"new_end": date(2027, 10, 31), "new_work_end": date(2027, 10, 30)},
            "new_end",
            "（2027/10/30）以前",
        ),
        (VersionKind.CONTRACT_FACTS, {}, "new_contract_price", "請負金額または工期を入力"),
        (
            VersionKind.CONTRACT_FACTS,
            {"new_contract_price": 50_000_000},
            "new_contract_price",
            "請負金額または工期を入力",
        ),
        (VersionKind.CONTRACT_FACTS, {"new_contract_price": 0}, "new_contract_price", "1円以上"),
        (
            VersionKind.CONTRACT_FACTS,
            {"new_contract_price": 19_000_000},
            "new_contract_price",
            "保証金額（20,000,000円）以上",
        ),
        (
            VersionKind.EXTENSION,
            {"new_end": date(2027, 10, 1), "new_work_start": date(2027, 10, 2)},
            "new_work_end",
            "着工日（2027/10/02）以降",
        ),
    ],
)
def test_impossible_changes_are_refused(kind, fields, key, message):
    assert message in _check(kind, **fields)[key]


def test_a_contract_guarantee_may_not_fall_below_its_share_of_the_recorded_price():
    contract = CertificateTerms(5_000_000, END, FACTS)
    problems = _check(
        VersionKind.DECREASE, GuaranteeKind.CONTRACT, contract,
        new_amount=5_000_000 - 1, new_contract_price=60_000_000,
    )  # fmt: skip
    assert "契約保証金額は請負金額の10%（6,000,000円）以上" in problems["new_amount"]


def test_the_advance_ceiling_is_of_this_years_amount_when_given():
    problems = _check(VersionKind.INCREASE, base=30_000_000, new_amount=20_000_001)
    assert "今年度対象額の40%（12,000,000円）以下" in problems["new_amount"]


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        (VersionKind.INCREASE, {"new_amount": 20_000_000 + 1, "new_contract_price": 60_000_000}),
        (
            VersionKind.EXTENSION,
            {"new_end": date(2027, 10, 31), "new_work_end": date(2027, 10, 31)},
        ),
        # A change of the price alone forces no guarantee change (the seed's note 2): neither a
        # lower price under the advance's ceiling nor a higher one over the contract minimum.
        (VersionKind.CONTRACT_FACTS, {"new_contract_price": 40_000_000}),
        (VersionKind.CONTRACT_FACTS, {"new_work_end": date(2027, 12, 31)}),
    ],
)
def test_sound_changes_have_no_problem(kind, fields):
    assert _check(kind, **fields) == {}


def test_a_change_of_the_price_alone_keeps_the_guarantee():
    change = RequestedChange(
        VersionKind.CONTRACT_FACTS, new_amount=1, new_contract_price=80_000_000
    )
    assert changed_terms(ADVANCE, change) == CertificateTerms(
        20_000_000, END, ContractFacts(80_000_000, START, END)
    )


def test_a_contract_guarantee_keeps_a_price_raised_alone():
    contract = CertificateTerms(5_000_000, END, FACTS)
    problems = _check(
        VersionKind.CONTRACT_FACTS, GuaranteeKind.CONTRACT, contract, new_contract_price=80_000_000
    )
    assert problems == {}


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
