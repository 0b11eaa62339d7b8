"""The watch over a checked guarantee, 期限間近, and CSV cells that never run as formulas."""

from datetime import date
from decimal import Decimal

import pytest

from domain.kinds import GuaranteeKind
from domain.notices import expires_soon
from domain.spreadsheet import safe_cell
from domain.verification import CertificateFacts, Gap, KeptRecord, coverage_gaps

RATIO = Decimal("0.1")


def _facts(kind=GuaranteeKind.ADVANCE, amount=4_000_000, expiry=date(2027, 3, 31)):
    return CertificateFacts(
        kind, "工事", 10_000_000, date(2026, 12, 1), date(2027, 3, 31), amount, expiry
    )


def test_a_guarantee_covering_the_kept_values_has_no_gap():
    kept = KeptRecord(date(2027, 3, 31), 10_000_000, 4_000_000)
    assert coverage_gaps(_facts(), kept, False, RATIO) == {}


def test_each_cause_is_named():
    kept = KeptRecord(date(2027, 4, 30), None, 4_000_000)
    gaps = coverage_gaps(_facts(amount=3_000_000), kept, True, RATIO)
    assert set(gaps) == {Gap.SHORT_TERM, Gap.DECREASED, Gap.CANCELLED}
    assert "令和9年4月30日" in gaps[Gap.SHORT_TERM]


def test_a_contract_guarantee_below_the_minimum_of_the_kept_price():
    kept = KeptRecord(None, 12_000_000, 1_000_000)
    gaps = coverage_gaps(_facts(GuaranteeKind.CONTRACT, amount=1_000_000), kept, False, RATIO)
    assert list(gaps) == [Gap.BELOW_MINIMUM] and "1,200,000円" in gaps[Gap.BELOW_MINIMUM]


def test_the_term_is_near_from_thirty_days_before():
    end = date(2027, 3, 31)
    assert not expires_soon(end, date(2027, 2, 28))
    assert expires_soon(end, date(2027, 3, 1)) and expires_soon(end, end)
    assert not expires_soon(end, date(2027, 4, 1))


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_that_would_run_as_a_formula_is_neutralised(text):
    assert safe_cell(text) == "'" + text


def test_an_ordinary_cell_is_left_alone():
    assert safe_cell("大仙市 =工事") == "大仙市 =工事"
