"""Tests for choosing 電子保証."""

import dataclasses
from datetime import date

import pytest

from domain.eligibility import ESuretyRules, WorkDates, e_surety_refusal
from domain.kinds import GuaranteeKind, StartBasis

START = date(2023, 12, 1)
ALL_KINDS = frozenset(GuaranteeKind)
NO_DATES = WorkDates(announcement=None, nomination=None, contract=None)


def dates_with(basis: StartBasis, day: date) -> WorkDates:
    """Work dates where only the basis date is known."""
    return WorkDates(
        announcement=day if basis is StartBasis.ANNOUNCEMENT else None,
        nomination=day if basis is StartBasis.NOMINATION else None,
        contract=day if basis is StartBasis.CONTRACT else None,
    )


@pytest.mark.parametrize("basis", list(StartBasis))
@pytest.mark.parametrize(
    ("day", "allowed"),
    [(date(2023, 11, 30), False), (START, True), (date(2023, 12, 2), True)],
)
def test_start_date_on_each_basis(basis: StartBasis, day: date, allowed: bool) -> None:
    rules = ESuretyRules(accepted_kinds=ALL_KINDS, start_date=START, start_basis=basis)
    refusal = e_surety_refusal(rules, GuaranteeKind.ADVANCE, dates_with(basis, day), "大仙市")
    if allowed:
        assert refusal is None
    else:
        assert refusal == (
            f"大仙市の電子保証は{basis.label}が令和5年12月1日以降の工事が対象です。"
            "証書(紙)をお選びください。"
        )


@pytest.mark.parametrize("basis", list(StartBasis))
def test_only_the_basis_date_counts(basis: StartBasis) -> None:
    rules = ESuretyRules(accepted_kinds=ALL_KINDS, start_date=START, start_basis=basis)
    later = date(2024, 1, 1)
    all_dates = WorkDates(announcement=later, nomination=later, contract=later)
    dates = dataclasses.replace(all_dates, **{basis.value: None})
    assert e_surety_refusal(rules, GuaranteeKind.ADVANCE, dates, "大仙市") == (
        f"大仙市の電子保証は{basis.label}が令和5年12月1日以降の工事が対象です。"
        f"電子保証を選ぶには{basis.label}を入力してください。"
    )


def test_no_start_rule_allows_any_date() -> None:
    rules = ESuretyRules(accepted_kinds=ALL_KINDS, start_date=None, start_basis=None)
    assert e_surety_refusal(rules, GuaranteeKind.CONTRACT, NO_DATES, "秋田県") is None


def test_kind_not_accepted() -> None:
    rules = ESuretyRules(
        accepted_kinds=frozenset({GuaranteeKind.ADVANCE}), start_date=None, start_basis=None
    )
    assert e_surety_refusal(rules, GuaranteeKind.ADVANCE, NO_DATES, "秋田県") is None
    assert e_surety_refusal(rules, GuaranteeKind.INTERIM, NO_DATES, "秋田県") == (
        "秋田県は中間前払金保証の電子保証に対応していません。証書(紙)をお選びください。"
    )


def test_no_e_surety_at_all_comes_first() -> None:
    rules = ESuretyRules(
        accepted_kinds=frozenset(), start_date=START, start_basis=StartBasis.CONTRACT
    )
    assert e_surety_refusal(rules, GuaranteeKind.ADVANCE, NO_DATES, "〇〇村") == (
        "〇〇村は電子保証に対応していません。証書(紙)をお選びください。"
    )


@pytest.mark.parametrize(
    ("start_date", "start_basis"), [(START, None), (None, StartBasis.CONTRACT)]
)
def test_start_date_and_basis_go_together(
    start_date: date | None, start_basis: StartBasis | None
) -> None:
    with pytest.raises(ValueError, match="together"):
        ESuretyRules(accepted_kinds=ALL_KINDS, start_date=start_date, start_basis=start_basis)
