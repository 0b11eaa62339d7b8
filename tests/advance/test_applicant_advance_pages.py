"""The contractor's advance pages, driven through their rendered forms (no JavaScript)."""

from datetime import date

import pytest
from sqlalchemy import select

from domain.advance_uses import UseCategory, UseRow, WithdrawalRequest
from extensions import db
from models import UseStatement, UseStatementStatus, Withdrawal
from operations.use_statements import accept_use_statement, submit_use_statement
from operations.withdrawals import prepare_withdrawal, record_deposit
from tests.builders import errors_beside, text_of, user


def _statement() -> UseStatement | None:
    return db.session.scalar(select(UseStatement).order_by(UseStatement.id.desc()))


@pytest.mark.rendered_form("applicant.use_statement")
def test_rows_are_added_and_removed_on_the_server_and_the_total_is_checked(web, contract):
    web.log_in("applicant")
    detail = web.get(f"/applicant/contracts/{contract.id}")
    page = detail.click("前払金の使途・払出依頼書").click("使途内訳明細書を作成する")
    form = page.forms["use-form"]
    form["rows-0-category"] = "materials"
    form["rows-0-amount"] = "5,000,000"
    page = form.submit("action", value="add_row")
    assert page.status_int == 200
    form = page.forms["use-form"]
    assert form["rows-0-amount"].value == "5,000,000"  # kept
    form["rows-1-category"] = "labour"
    form["rows-1-amount"] = "１，０００，０００円"
    page = form.submit("action", value="add_row")
    form = page.forms["use-form"]
    assert "rows-2-category" in form.fields
    page = form.submit("action", value="remove_row-2")
    form = page.forms["use-form"]
    assert "rows-2-category" not in form.fields and "6,000,000" in page.text
    page = form.submit("action", value="submit", status=422)
    assert "あと3,600,000円" in text_of(page.text, "total-errors")
    assert _statement() is None  # nothing saved
    form = page.forms["use-form"]
    form["rows-1-category"] = "materials"
    page = form.submit("action", value="save_draft", status=422)
    assert "材料費は1行にまとめてください。" in errors_beside(page.text, "rows-1-category")
    form = page.forms["use-form"]
    form["rows-1-category"] = "undecided"
    form["rows-1-amount"] = "4,600,000"
    form.submit("action", value="save_draft", status=303)
    assert _statement().status is UseStatementStatus.DRAFT
    page = web.get(f"/applicant/contracts/{contract.id}/advance").click("下書きの続きを入力する")
    page = page.forms["use-form"].submit("action", value="submit", status=303).follow()
    assert "支店に提出しました" in page.text and "審査中" in page.text
    assert _statement().status is UseStatementStatus.SUBMITTED


def _withdrawal_id() -> int:
    return db.session.scalar(select(Withdrawal.id))


@pytest.fixture
def accepted(contract):
    submitted = submit_use_statement(
        user("applicant"), contract,
        [UseRow(UseCategory.MATERIALS, "鋼材", 6_000_000),
         UseRow(UseCategory.UNDECIDED, "", 3_600_000)],
    )  # fmt: skip
    accept_use_statement(user("branch"), submitted)
    db.session.commit()
    return contract


@pytest.mark.rendered_form(
    "applicant.deposit", "applicant.new_withdrawal", "applicant.withdrawal_paid"
)
def test_deposit_then_a_request_refused_beyond_the_use_then_paid(web, accepted, clock):
    web.log_in("applicant")
    page = web.get(f"/applicant/contracts/{accepted.id}/advance")
    assert "払出依頼書は、使途内訳明細書が承諾され" in page.text
    form = page.forms["deposit-form"]
    form["received_on"] = "2026-12-01"
    form["amount"] = "9,700,000"
    page = form.submit(status=422)
    assert "今日以前" in errors_beside(page.text, "received_on")
    assert "9,600,000円）を超えています" in errors_beside(page.text, "amount")
    form = page.forms["deposit-form"]
    form["received_on"] = "2026-11-20"
    form["amount"] = "9,600,000"
    page = form.submit(status=303).follow()
    assert text_of(page.text, "balance") == "9,600,000円"
    page = page.click("払出依頼書を作成する")
    form = page.forms["withdrawal-form"]
    assert [value for value, *_ in form["category"].options] == ["", "materials"]
    form["payee"] = "秋田資材株式会社"
    form["category"] = "materials"
    form["amount"] = "6,000,001"
    page = form.submit(status=422)
    assert "材料費の残額（6,000,000円）を超えています。" in errors_beside(page.text, "amount")
    assert db.session.scalar(select(Withdrawal)) is None
    form = page.forms["withdrawal-form"]
    form["amount"] = "2,000,000"
    page = form.submit(status=303).follow()
    assert "払出依頼書 No.1 を作成しました" in page.text
    assert text_of(page.text, "available") == "7,600,000円"
    pdf = page.click("PDF", href="request.pdf")
    assert pdf.content_type == "application/pdf"
    paid = f"/applicant/contracts/{accepted.id}/advance/withdrawals/{_withdrawal_id()}/paid"
    page = web.form_to(page, paid).submit().follow()
    assert "払出済にしました" in page.text
    assert text_of(page.text, "balance") == "7,600,000円"
    materials = text_of(page.text, "use-materials")
    assert materials == "材料費 6,000,000円 2,000,000円 0円 4,000,000円 33%"


def test_a_contract_guarantee_has_no_advance_and_another_company_sees_none(web, contract):
    from models import GuaranteeContract

    other_kind = db.session.scalar(
        select(GuaranteeContract).where(
            GuaranteeContract.application_id == contract.application_id,
            GuaranteeContract.id != contract.id,
        )
    )
    record_deposit(user("applicant"), contract, date(2026, 11, 20), 1_000)
    db.session.commit()
    web.log_in("applicant")
    web.get(f"/applicant/contracts/{other_kind.id}/advance", status=404)
    web.reset()
    web.log_in("applicant2")
    web.get(f"/applicant/contracts/{contract.id}/advance", status=404)
    web.get(f"/applicant/contracts/{contract.id}/advance/uses", status=404)


@pytest.mark.rendered_form("applicant.cancel_withdrawal")
def test_a_request_not_taken_to_the_bank_is_cancelled_and_its_amount_is_free(web, accepted):
    applicant = user("applicant")
    record_deposit(applicant, accepted, date(2026, 11, 20), 9_600_000)
    request = WithdrawalRequest(
        "秋田資材株式会社", UseCategory.MATERIALS, 6_000_000, date(2026, 12, 1)
    )
    prepare_withdrawal(applicant, accepted, request)
    db.session.commit()
    web.log_in("applicant")
    page = web.get(f"/applicant/contracts/{accepted.id}/advance")
    assert text_of(page.text, "available") == "3,600,000円"
    cancel = f"/applicant/contracts/{accepted.id}/advance/withdrawals/{_withdrawal_id()}/cancel"
    page = web.form_to(page, cancel).submit().follow()
    assert "取り消しました" in page.text and "取消" in text_of(page.text, "withdrawal-1")
    assert text_of(page.text, "available") == "9,600,000円"
    assert "払出済にする" not in page.text
    again = prepare_withdrawal(applicant, accepted, request)  # the whole use is free again
    assert again.number == 2


@pytest.mark.rendered_form("applicant.use_statement", "branch.accept_uses")
def test_a_change_from_undecided_to_materials_goes_through_review(web, accepted):
    web.log_in("applicant")
    page = web.get(f"/applicant/contracts/{accepted.id}/advance").click("使途変更を作成する")
    assert "（使途変更）" in page.text
    form = page.forms["use-form"]
    assert (form["rows-0-amount"].value, form["rows-1-category"].value) == (
        "6,000,000",
        "undecided",
    )
    form["rows-0-amount"] = "8,000,000"
    form["rows-1-amount"] = "1,600,000"
    page = form.submit("action", value="submit", status=303).follow()
    assert "使途変更-1" in text_of(page.text, "statement-versions")
    assert "承諾済みの使途（当初）" in page.text  # in force until the branch accepts the change
    web.reset()
    web.log_in("branch")
    page = web.get(f"/branch/contracts/{accepted.id}/advance")
    assert "審査待ちの明細書（使途変更-1" in page.text
    page.forms["accept-form"].submit(status=303)
    web.reset()
    web.log_in("applicant")
    page = web.get(f"/applicant/contracts/{accepted.id}/advance")
    assert "承諾済みの使途（使途変更-1）" in page.text
    assert "材料費 8,000,000円" in text_of(page.text, "use-materials")
    assert "未定 1,600,000円" in text_of(page.text, "use-undecided")


def test_an_unreadable_amount_is_shown_with_the_other_cells_messages(web, contract):
    web.log_in("applicant")
    page = web.get(f"/applicant/contracts/{contract.id}/advance/uses")
    form = page.forms["use-form"]
    form["rows-0-category"] = "materials"
    form["rows-0-amount"] = "abc"
    form = form.submit("action", value="add_row").forms["use-form"]
    page = form.submit("action", value="submit", status=422)
    assert errors_beside(page.text, "rows-0-amount") == "金額は数字で入力してください。"
    assert errors_beside(page.text, "rows-1-category") == "使途を選んでください。"
    assert "前払金額（9,600,000円）と一致しません" in text_of(page.text, "total-errors")
    assert _statement() is None
