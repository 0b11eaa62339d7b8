"""The branch's side of the advance: review, deposit correction, 使途監査; through its forms."""

from datetime import date

import pytest
from sqlalchemy import select

from domain.advance_uses import UseCategory, UseRow, WithdrawalRequest
from extensions import db
from models import AdvanceDeposit, AuditEntry, OutboxMail, UseStatement, UseStatementStatus
from operations.use_statements import accept_use_statement, submit_use_statement
from operations.withdrawals import prepare_withdrawal, record_deposit
from tests.builders import errors_beside, make_branch_staff, text_of, user

ROWS = [
    UseRow(UseCategory.MATERIALS, "鋼材", 6_000_000),
    UseRow(UseCategory.UNDECIDED, "", 3_600_000),
]


@pytest.fixture
def submitted(contract):
    statement = submit_use_statement(user("applicant"), contract, ROWS)
    db.session.commit()
    return statement


@pytest.mark.rendered_form("branch.return_uses", "branch.accept_uses")
def test_the_branch_returns_with_a_message_then_accepts(web, contract, submitted):
    web.log_in("branch")
    page = web.get(f"/branch/contracts/{contract.id}").click("前払金の使途")
    assert "審査待ちの明細書（当初" in page.text
    page = page.forms["return-form"].submit(status=422)
    assert "お客様へのお知らせを入力してください。" in errors_beside(page.text, "message")
    form = page.forms["return-form"]
    form["message"] = "材料費の内訳を具体的に書いてください。"
    page = form.submit(status=303).follow()
    assert "差戻しました" in page.text
    db.session.refresh(submitted)
    assert submitted.status is UseStatementStatus.RETURNED
    mail = db.session.scalars(select(OutboxMail).order_by(OutboxMail.id.desc())).first()
    assert "差戻し" in mail.subject and "材料費の内訳を具体的に" in mail.body_text
    submit_use_statement(user("applicant"), contract, ROWS)
    db.session.commit()
    page = web.get(f"/branch/contracts/{contract.id}/advance")
    page = page.forms["accept-form"].submit(status=303).follow()
    assert "承諾しました" in page.text
    assert "承諾済みの使途（当初）" in page.text
    assert page.click("PDF", href="statement.pdf").content_type == "application/pdf"


@pytest.mark.rendered_form("branch.correct_advance_deposit")
def test_the_branch_corrects_the_deposit_before_to_after(web, contract, submitted):
    accept_use_statement(user("branch"), submitted)
    record_deposit(user("applicant"), contract, date(2026, 11, 20), 9_600_000)
    prepare_withdrawal(
        user("applicant"), contract,
        WithdrawalRequest("秋田資材", UseCategory.MATERIALS, 5_000_000, date(2026, 12, 1)),
    )  # fmt: skip
    db.session.commit()
    web.log_in("branch")
    page = web.get(f"/branch/contracts/{contract.id}/advance")
    form = page.forms["deposit-form"]
    form["amount"] = "4,000,000"
    page = form.submit(status=422)
    assert "5,000,000円）を下回ります" in errors_beside(page.text, "amount")
    form = page.forms["deposit-form"]
    form["amount"] = "9,000,000"
    page = form.submit(status=303).follow()
    assert text_of(page.text, "balance") == "9,000,000円"
    assert db.session.scalar(select(AdvanceDeposit.amount)) == 9_000_000
    detail = db.session.scalar(
        select(AuditEntry.detail).where(AuditEntry.action == "advance.deposit_corrected")
    )
    assert detail == "受入金額: 9,600,000円 → 9,000,000円"


def test_the_audit_view_lists_statements_awaiting_review(web, contract, submitted):
    web.log_in("branch")
    awaiting = text_of(web.get("/branch/advance-audit").text, "awaiting")
    assert contract.number in awaiting and "当初" in awaiting


def test_the_audit_view_flags_undecided_and_near_limit_uses(web, contract, submitted):
    accept_use_statement(user("branch"), submitted)
    record_deposit(user("applicant"), contract, date(2026, 11, 20), 9_600_000)
    prepare_withdrawal(
        user("applicant"), contract,
        WithdrawalRequest("秋田資材", UseCategory.MATERIALS, 5_500_000, date(2026, 12, 1)),
    )  # fmt: skip
    db.session.commit()
    web.log_in("branch")
    page = web.get("/branch/advance-audit")
    flagged = text_of(page.text, "flagged")
    assert contract.number in flagged
    assert "未定 3,600,000円のまま払出依頼あり" in flagged and "材料費 使用率91%" in flagged
    assert "4,100,000円" in text_of(page.text, f"advance-{contract.id}")  # the available


def test_a_branch_outside_the_scope_gets_404(web, contract, submitted):
    make_branch_staff()
    web.log_in("yokote")
    for path in ("/advance", "/advance/uses/1/statement.pdf"):
        web.get(f"/branch/contracts/{contract.id}{path}", status=404)
    assert contract.number not in web.get("/branch/advance-audit").text
    web.post(f"/branch/contracts/{contract.id}/advance/uses/1/accept", status=404, xhr=False,
             params={"csrf_token": "x"}, expect_errors=True)  # fmt: skip
    assert db.session.scalar(select(UseStatement.status)) is UseStatementStatus.SUBMITTED


def test_the_contracts_audit_trail_names_the_advance_steps(web, contract, submitted):
    accept_use_statement(user("branch"), submitted)
    record_deposit(user("applicant"), contract, date(2026, 11, 20), 9_600_000)
    db.session.commit()
    web.log_in("branch")
    page = web.get(f"/branch/contracts/{contract.id}/audit").text
    for label in ("使途内訳明細書の提出", "使途内訳明細書の承諾", "前払金の受入"):
        assert label in page, label
    assert "受入金額: 9,600,000円" in page
