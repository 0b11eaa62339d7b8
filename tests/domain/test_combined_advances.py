"""The combined ratio of the two advances of one work (前払金 + 中間前払金 ≤ 6/10), on its own
and on a change that sets the amount of either guarantee (a change of the 請負金額 alone forces
no guarantee change: the seed's note 2)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.changes import (
    CertificateTerms,
    ContractFacts,
    RequestedChange,
    VersionKind,
    check_change,
)
from domain.kinds import GuaranteeKind
from domain.ratios import AmountRules, combined_limit, combined_problem

START, END = date(2026, 12, 1), date(2027, 9, 30)
PRICE = 50_000_000
RULES = AmountRules()
ADVANCE = CertificateTerms(20_000_000, END, ContractFacts(PRICE, START, END))


def test_the_message_names_the_limit_in_tenths_and_yen():
    assert combined_problem(20_000_000, 10_000_001, PRICE, RULES) == (
        "前払金保証金額と中間前払金保証金額の合計（30,000,001円）が請負金額の6/10"
        "（30,000,000円）を超えます。合計をこの額以下にしてください。"
    )
    assert combined_problem(20_000_000, 10_000_000, PRICE, RULES) is None


def test_the_base_is_this_years_amount_when_given():
    message = combined_problem(12_000_000, 6_000_001, PRICE, RULES, base_this_year=30_000_000)
    assert "今年度対象額の6/10（18,000,000円）を超えます" in message


def test_an_orderers_own_ratio_and_rounding_unit_are_named():
    rules = AmountRules(combined_ratio=Decimal("0.55"), rounding_unit=100_000)
    message = combined_problem(20_000_000, 7_500_000, 49_999_999, rules)
    assert "請負金額の55%（27,400,000円）を超えます" in message


prices = st.integers(min_value=1, max_value=10**13)


@given(price=prices, data=st.data())
def test_a_sum_over_six_tenths_is_never_accepted(price, data):
    limit = combined_limit(price, RULES)
    total = data.draw(st.integers(min_value=limit + 1, max_value=limit + 10**12))
    advance = data.draw(st.integers(min_value=0, max_value=total))
    assert combined_problem(advance, total - advance, price, RULES) is not None
    assert 10 * total > 6 * price  # over 6/10 of the price, in exact integers


@given(price=prices, data=st.data())
def test_every_sum_within_six_tenths_is_accepted(price, data):
    total = data.draw(st.integers(min_value=0, max_value=6 * price // 10))
    advance = data.draw(st.integers(min_value=0, max_value=total))
    assert combined_problem(advance, total - advance, price, RULES) is None


def _check(guarantee, current, companion, kind, **fields):
    return check_change(guarantee, current, RequestedChange(kind, **fields), RULES, None, companion)


def _terms(amount: int) -> CertificateTerms:
    return CertificateTerms(amount, END, ContractFacts(PRICE, START, END))


ADV, INT = GuaranteeKind.ADVANCE, GuaranteeKind.INTERIM


# The pairs rest on 50,000,000円; each change keeps its own guarantee within its own ratio
# of the price it records, so only the sum with the companion's amount can refuse it.
@pytest.mark.parametrize(
    ("guarantee", "amount", "companion", "kind", "fields", "key"),
    [
        # An increase of either advance past the sum (6/10 of 42,000,000円 is 25,200,000円).
        (INT, 5_000_000, 20_000_000, VersionKind.INCREASE,
         {"new_amount": 6_000_000, "new_contract_price": 42_000_000}, "new_amount"),
        (ADV, 15_000_000, 10_000_000, VersionKind.INCREASE,
         {"new_amount": 16_000_000, "new_contract_price": 42_000_000}, "new_amount"),
        (ADV, 15_000_000, 10_000_000, VersionKind.CORRECTION,
         {"new_amount": 16_000_000, "new_end": END, "new_contract_price": 42_000_000},
         "new_amount"),
        # A lower 請負金額 alone is recorded on either contract (the seed's note 2).
        (INT, 5_000_000, 20_000_000, VersionKind.CONTRACT_FACTS,
         {"new_contract_price": 40_000_000}, None),
        (ADV, 15_000_000, 10_000_000, VersionKind.CONTRACT_FACTS,
         {"new_contract_price": 40_000_000}, None),
        (INT, 5_000_000, 20_000_000, VersionKind.EXTENSION,
         {"new_end": date(2027, 9, 1), "new_contract_price": 40_000_000}, None),
        # A higher price, a sum exactly at 6/10, or no change of amount or price: accepted.
        (ADV, 15_000_000, 10_000_000, VersionKind.CONTRACT_FACTS,
         {"new_contract_price": 80_000_000}, None),
        (INT, 5_000_000, 20_000_000, VersionKind.DECREASE,
         {"new_amount": 4_000_000, "new_contract_price": 40_000_000}, None),
        (INT, 5_000_000, 20_000_000, VersionKind.INCREASE, {"new_amount": 10_000_000}, None),
        (INT, 5_000_000, 30_000_000, VersionKind.EXTENSION, {"new_end": date(2027, 9, 1)}, None),
    ],
)  # fmt: skip
def test_a_change_weighs_the_companion_advance(guarantee, amount, companion, kind, fields, key):
    problems = _check(guarantee, _terms(amount), companion, kind, **fields)
    if key is None:
        assert problems == {}
    else:
        assert list(problems) == [key]
        assert problems[key].startswith("前払金保証金額と中間前払金保証金額の合計（")
        assert "の6/10（" in problems[key]


def test_without_a_companion_only_the_own_ratio_counts():
    change = {"new_contract_price": 40_000_000}
    assert _check(INT, _terms(5_000_000), None, VersionKind.CONTRACT_FACTS, **change) == {}


def test_a_contract_guarantee_has_no_companion_advance():
    contract = CertificateTerms(5_000_000, END, ContractFacts(PRICE, START, END))
    problems = _check(
        GuaranteeKind.CONTRACT, contract, 30_000_000, VersionKind.INCREASE, new_amount=6_000_000
    )
    assert problems == {}


@given(
    guarantee=st.sampled_from([GuaranteeKind.ADVANCE, GuaranteeKind.INTERIM]),
    kind=st.sampled_from([VersionKind.INCREASE, VersionKind.DECREASE]),
    price=st.integers(min_value=10, max_value=10**12),
    data=st.data(),
)
def test_no_change_of_the_amount_leaves_the_pair_over_six_tenths(guarantee, kind, price, data):
    """Whatever amount and price a change of the amount records, the pair it leaves is
    within 6/10 of that price."""
    own_limit = (4 if guarantee is GuaranteeKind.ADVANCE else 2) * price // 10
    current = CertificateTerms(
        data.draw(st.integers(1, max(own_limit, 1))), END, ContractFacts(price, START, END)
    )
    companion = data.draw(st.integers(1, price))
    new_price = data.draw(st.integers(1, 2 * price))
    new_amount = data.draw(st.integers(1, 2 * price))
    change = RequestedChange(kind, new_amount=new_amount, new_contract_price=new_price)
    if not check_change(guarantee, current, change, RULES, None, companion):
        assert 10 * (new_amount + companion) <= 6 * new_price
