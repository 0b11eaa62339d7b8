"""保証料計算書一覧: the company's statements, searchable and downloadable; 減額 and 解約
produce a 保証料返還計算書 under the sample refund rules, or say why none is due."""

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from domain.changes import RequestedChange, VersionKind
from domain.fees import refund_due
from extensions import db
from models import OutboxMail, Reservation, User
from operations.contract_changes import cancel_contract, change_contract
from tests.conftest import ISSUED_WORK

TODAY = date(2026, 11, 25)  # the clock fixture's day in Japan


@pytest.fixture(autouse=True)
def fixed_time(clock):
    return clock


@pytest.fixture
def staff(world) -> User:
    return db.session.scalar(select(User).where(User.login_id == "branch"))


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _decrease(staff, contract, by: int):
    decrease = RequestedChange(VersionKind.DECREASE, new_amount=contract.amount - by)
    version = change_contract(staff, contract, contract.revision, decrease)
    db.session.commit()
    return version


def _menu(web):
    return web.log_in("applicant").click("保証料計算書一覧", index=0)


def test_the_menu_lists_the_issue_statement_and_it_downloads(web, contract):
    page = _menu(web)
    assert page.status_code == 200
    row = next(
        row
        for row in page.html.select("tbody tr")
        if row.select_one("a")["aria-label"].startswith("保証料計算書 ")
        and contract.number in row.text
    )
    pdf = web.get(row.select_one("a")["href"])
    assert pdf.content_type == "application/pdf"
    assert "保証料計算書" in _pdf_text(pdf.body)


def test_a_decrease_yields_a_refund_statement_under_the_sample_rules(web, staff, contract):
    expected = refund_due(5_000_000, contract.rate, TODAY, contract.guarantee_end)
    assert expected.amount > 0
    version = _decrease(staff, contract, 5_000_000)
    assert version.fee_difference == -expected.amount

    page = _menu(web)
    row = next(r for r in page.html.select("tbody tr") if "（変更-1）" in r.text)
    assert "保証料返還計算書" in row.text and f"{expected.amount:,}円" in row.text
    pdf = web.get(row.select_one("a")["href"])
    text = _pdf_text(pdf.body)
    assert "保証料返還計算書" in text and "減額（変更-1）" in text
    assert f"{expected.amount:,}円" in text and "サンプル" in text
    mail = db.session.scalars(select(OutboxMail).order_by(OutboxMail.id.desc())).first()
    assert "返還保証料" in mail.body_text and "返戻" not in mail.body_text


def test_a_small_decrease_says_why_no_refund_is_due(web, staff, contract):
    version = _decrease(staff, contract, 100_000)
    assert version.fee_difference == 0
    page = _menu(web)
    row = next(r for r in page.html.select("tbody tr") if "（変更-1）" in r.text)
    text = _pdf_text(web.get(row.select_one("a")["href"]).body)
    assert "保証料返還計算書" in text
    assert "事務手数料（1,000円）以下のため、返還する保証料はありません。" in text


def test_a_cancellation_yields_a_refund_statement(web, staff, contract):
    cancel_contract(staff, contract, contract.revision, "工事中止")
    db.session.commit()
    expected = refund_due(contract.amount, contract.rate, TODAY, contract.guarantee_end)
    page = _menu(web)
    row = next(r for r in page.html.select("tbody tr") if "（解約）" in r.text)
    assert "保証料返還計算書" in row.text and f"{expected.amount:,}円" in row.text
    text = _pdf_text(web.get(row.select_one("a")["href"]).body)
    assert "保証料返還計算書" in text and "解約" in text and f"{expected.amount:,}円" in text


@pytest.mark.parametrize(
    ("query", "found"), [("排水路", True), ("存在しない工事", False), (None, True)]
)
def test_the_menu_searches_by_work_name_and_contract_number(web, contract, query, found):
    page = _menu(web)
    form = page.forms[1]  # the search (the first form is ログアウト)
    form["q"] = contract.number if query is None else query
    result = form.submit()
    assert (contract.number in result.text) is found
    assert ("該当する保証料計算書はありません。" in result.text) is not found


def test_a_search_too_long_is_named_beside_the_field(web, contract):
    form = _menu(web).forms[1]
    form["q"] = "工" * 101
    result = form.submit(status=422)
    assert "検索語は100文字以内で入力してください。" in result.text


def test_another_company_sees_none_of_the_statements(web, client, login_as, staff, contract):
    _decrease(staff, contract, 5_000_000)
    cancel_contract(staff, contract, contract.revision, "工事中止")
    db.session.commit()
    page = web.log_in("applicant2").click("保証料計算書一覧", index=0)
    assert contract.number not in page.text and ISSUED_WORK not in page.text
    login_as("applicant2")
    for url in (
        f"/applicant/contracts/{contract.id}/cancellation-refund.pdf",
        f"/applicant/contracts/{contract.id}/versions/2/fee-difference.pdf",
        f"/applicant/applications/{contract.application_id}/fee-statement.pdf",
    ):
        assert client.get(url).status_code == 404, url


def test_the_forms_help_text_points_to_the_menu(web):
    form_page = web.log_in("applicant").click("申込の作成", index=0)
    link = form_page.html.find("a", string="保証料計算書一覧メニュー")
    assert link["href"] == "/applicant/fee-statements"
    assert web.get(link["href"]).status_code == 200


def test_the_menu_lists_a_reservations_fee_statement_with_its_tax(web, world):
    reservation = db.session.scalar(select(Reservation).order_by(Reservation.id))  # the demo's
    page = _menu(web)
    row = next(row for row in page.html.select("tbody tr") if reservation.number in row.text)
    assert "予約手数料計算書" in row.text and reservation.application.work_name in row.text
    assert (reservation.fee, reservation.tax) == (5_000, 500)
    assert "5,000円＋消費税 500円（10%）＝ 5,500円（税込）" in " ".join(row.text.split())
    assert "2026/11/25" in row.text
    text = _pdf_text(web.get(row.select_one("a")["href"]).body)
    assert "予約手数料計算書" in text and reservation.number in text and "5,500円" in text
    form = page.forms[1]
    form["q"] = reservation.number
    found = form.submit()
    assert reservation.number in found.text and "大仙市サンプル地区排水路整備工事" not in found.text
    web.reset()
    other = web.log_in("applicant2").click("保証料計算書一覧", index=0)
    assert reservation.number not in other.text
