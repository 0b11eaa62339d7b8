"""Any value in any field of the advance's forms: never a 500, a refusal changes nothing."""

from datetime import date

import pytest
from hypothesis import given
from sqlalchemy import func, select

from domain.advance_uses import UseCategory, UseRow
from extensions import db
from models import UseStatement, Withdrawal
from operations.use_statements import accept_use_statement, submit_use_statement
from operations.withdrawals import record_deposit
from tests.builders import user
from tests.test_fuzz_forms import FUZZ, VALUES

STATEMENT_FIELDS = ["rows-0-category", "rows-0-description", "rows-0-amount", "rows-7-amount",
                    "action"]  # fmt: skip
WITHDRAWAL_FIELDS = ["payee", "category", "amount", "wished_on"]


@pytest.fixture
def ready(contract):
    rows = [UseRow(UseCategory.MATERIALS, "", 9_600_000)]
    accept_use_statement(user("branch"), submit_use_statement(user("applicant"), contract, rows))
    record_deposit(user("applicant"), contract, date(2026, 11, 20), 9_600_000)
    db.session.commit()
    return contract


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("field", STATEMENT_FIELDS)
@FUZZ
@given(value=VALUES)
def test_any_value_in_the_statement_form(login_as, post, ready, field, value):
    login_as("applicant")
    form = {"rows-0-category": "materials", "rows-0-amount": "9,600,000", "action": "submit"}
    before = _count(UseStatement)
    response = post(f"/applicant/contracts/{ready.id}/advance/uses", {**form, field: value})
    assert response.status_code in (200, 303, 422), (field, value)
    if response.status_code != 303:
        assert _count(UseStatement) == before


@pytest.mark.parametrize("field", WITHDRAWAL_FIELDS)
@FUZZ
@given(value=VALUES)
def test_any_value_in_the_withdrawal_form(login_as, post, ready, field, value):
    login_as("applicant")
    form = {
        "payee": "秋田資材",
        "category": "materials",
        "amount": "1,000",
        "wished_on": "2026-12-01",
    }
    before = _count(Withdrawal)
    response = post(
        f"/applicant/contracts/{ready.id}/advance/withdrawals/new", {**form, field: value}
    )
    assert response.status_code in (303, 422), (field, value)
    if response.status_code == 422:
        assert _count(Withdrawal) == before
