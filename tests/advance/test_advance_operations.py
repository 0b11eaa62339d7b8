"""The advance after issuance, operation by operation: statements, 使途変更, deposit, 払出依頼書."""

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from domain.advance_uses import UseCategory, UseRow, WithdrawalRequest
from extensions import db
from models import AuditEntry, OutboxMail, UseStatementStatus
from operations.documents import use_statement_pdf, withdrawal_pdf
from operations.errors import DomainError
from operations.use_statements import (
    accept_use_statement,
    return_use_statement,
    save_use_draft,
    submit_use_statement,
)
from operations.withdrawals import (
    advance_of,
    correct_deposit,
    prepare_withdrawal,
    record_deposit,
    record_paid,
)
from tests.builders import user

ADVANCE = 9_600_000  # the demo's 前払金保証: 4/10 of 24,000,000


def _rows(*pairs) -> list[UseRow]:
    return [UseRow(category, "", amount) for category, amount in pairs]


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def accepted(contract):
    """The contract with an accepted statement (材料費 6,000,000 + 未定 3,600,000) and a
    deposit of the whole advance."""
    applicant, staff = user("applicant"), user("branch")
    statement = submit_use_statement(
        applicant,
        contract,
        _rows((UseCategory.MATERIALS, 6_000_000), (UseCategory.UNDECIDED, 3_600_000)),
    )
    accept_use_statement(staff, statement)
    record_deposit(applicant, contract, date(2026, 11, 20), ADVANCE)
    db.session.commit()
    return contract


def test_a_draft_is_kept_and_the_total_must_equal_the_advance(contract):
    applicant = user("applicant")
    draft = save_use_draft(applicant, contract, _rows((UseCategory.MATERIALS, 1_000)))
    assert draft.status is UseStatementStatus.DRAFT and draft.seq == 1
    with pytest.raises(DomainError) as refused:
        submit_use_statement(applicant, contract, _rows((UseCategory.MATERIALS, 1_000)))
    assert "前払金額（9,600,000円）と一致しません" in refused.value.problems["total"]
    with pytest.raises(DomainError) as twice:
        save_use_draft(applicant, contract, _rows((UseCategory.LABOUR, 1), (UseCategory.LABOUR, 2)))
    assert twice.value.problems == {"rows-1-category": "労務費は1行にまとめてください。"}


def test_submitted_returned_resubmitted_accepted_with_mails_and_a_kept_pdf(contract):
    applicant, staff = user("applicant"), user("branch")
    rows = _rows((UseCategory.MATERIALS, 5_000_000), (UseCategory.LABOUR, 4_600_000))
    statement = submit_use_statement(applicant, contract, rows)
    assert statement.status is UseStatementStatus.SUBMITTED
    with pytest.raises(DomainError):
        save_use_draft(applicant, contract, rows)  # under review: nothing to edit
    return_use_statement(staff, statement, "労務費の内訳を書いてください。")
    assert statement.status is UseStatementStatus.RETURNED
    again = submit_use_statement(applicant, contract, rows)
    assert again is statement  # the returned version is edited and sent again
    accept_use_statement(staff, statement)
    db.session.commit()
    subjects = db.session.scalars(select(OutboxMail.subject).order_by(OutboxMail.id)).all()
    assert sum("前払金使途内訳明細書の提出" in s for s in subjects) == 2
    assert any("差戻し" in s for s in subjects) and any("承諾" in s for s in subjects)
    pdf = use_statement_pdf(statement)
    text = _text(pdf)
    assert "前払金使途内訳明細書" in text and "材料費" in text and "4,600,000" in text
    assert use_statement_pdf(statement) == pdf  # kept, not rendered again
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert {"use_statement.submitted", "use_statement.returned", "use_statement.accepted"} <= set(
        actions
    )


def test_a_change_moves_an_amount_from_undecided_to_materials_after_review(accepted):
    applicant, staff = user("applicant"), user("branch")
    request = WithdrawalRequest(
        "秋田資材株式会社", UseCategory.MATERIALS, 6_500_000, date(2026, 12, 1)
    )
    with pytest.raises(DomainError) as refused:
        prepare_withdrawal(applicant, accepted, request)
    assert "材料費の残額（6,000,000円）を超えています" in refused.value.problems["amount"]
    change = submit_use_statement(
        applicant,
        accepted,
        _rows((UseCategory.MATERIALS, 8_000_000), (UseCategory.UNDECIDED, 1_600_000)),
    )
    assert change.seq == 2 and change.label == "使途変更-1"
    with pytest.raises(DomainError):  # not in force before the branch accepts it
        prepare_withdrawal(applicant, accepted, request)
    accept_use_statement(staff, change)
    withdrawal = prepare_withdrawal(applicant, accepted, request)
    balances = {u.category: u for u in advance_of(accepted).ledger.uses}
    assert balances[UseCategory.MATERIALS].remaining == 1_500_000
    assert balances[UseCategory.UNDECIDED].declared == 1_600_000
    assert withdrawal.number == 1


def test_undecided_uses_give_nothing_and_a_paid_request_moves_the_balance(accepted, clock):
    applicant = user("applicant")
    with pytest.raises(DomainError) as refused:
        prepare_withdrawal(
            applicant, accepted, WithdrawalRequest("X", UseCategory.UNDECIDED, 1, date(2026, 12, 1))
        )
    assert "未定の使途からは払い出せません" in refused.value.problems["category"]
    withdrawal = prepare_withdrawal(
        applicant,
        accepted,
        WithdrawalRequest("秋田資材株式会社", UseCategory.MATERIALS, 2_000_000, date(2026, 12, 1)),
    )
    ledger = advance_of(accepted).ledger
    assert (ledger.balance, ledger.available) == (ADVANCE, ADVANCE - 2_000_000)
    record_paid(applicant, withdrawal)
    ledger = advance_of(accepted).ledger
    assert (ledger.balance, ledger.available, ledger.paid) == (7_600_000, 7_600_000, 2_000_000)
    with pytest.raises(DomainError):
        record_paid(applicant, withdrawal)
    text = _text(withdrawal_pdf(withdrawal))
    assert "前払金払出依頼書" in text and "秋田資材株式会社" in text and "材料費" in text
    assert "2,000,000" in text and "令和8年11月25日" in text  # the clock's day in Japan


def test_the_balance_limits_a_request_beyond_the_uses(accepted):
    applicant, staff = user("applicant"), user("branch")
    correct_deposit(staff, accepted, date(2026, 11, 20), 3_000_000)
    with pytest.raises(DomainError) as refused:
        prepare_withdrawal(
            applicant,
            accepted,
            WithdrawalRequest("A", UseCategory.MATERIALS, 3_500_000, date(2026, 12, 1)),
        )
    assert "払出可能額（3,000,000円）を超えています" in refused.value.problems["amount"]
    detail = db.session.scalar(
        select(AuditEntry.detail).where(AuditEntry.action == "advance.deposit_corrected")
    )
    assert detail == "受入金額: 9,600,000円 → 3,000,000円"


def test_the_deposit_is_recorded_once_and_never_corrected_below_what_was_taken(accepted):
    applicant, staff = user("applicant"), user("branch")
    with pytest.raises(DomainError):
        record_deposit(applicant, accepted, date(2026, 11, 20), 1)
    prepare_withdrawal(
        applicant,
        accepted,
        WithdrawalRequest("A", UseCategory.MATERIALS, 5_000_000, date(2026, 12, 1)),
    )
    with pytest.raises(DomainError) as refused:
        correct_deposit(staff, accepted, date(2026, 11, 20), 4_000_000)
    assert "5,000,000円" in refused.value.problems["amount"]


def test_a_cancelled_guarantee_gives_no_more_requests(accepted):
    from operations.contract_changes import cancel_contract

    cancel_contract(user("branch"), accepted, accepted.revision, reason="契約解除")
    with pytest.raises(DomainError) as refused:
        prepare_withdrawal(
            user("applicant"), accepted,
            WithdrawalRequest("A", UseCategory.MATERIALS, 1, date(2026, 12, 1)),
        )  # fmt: skip
    assert "解約された保証契約" in refused.value.message
