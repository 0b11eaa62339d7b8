"""契約保証予約: applied for on paper only, issued with a 予約番号 and taxed 予約手数料, and
「契約保証へ切替」 after the award."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.kinds import ApplicationKind, GuaranteeKind
from domain.ratios import AmountRules
from domain.reservations import (
    check_reservation,
    consumption_tax,
    format_reservation_number,
    reservation_charge,
    reservation_fee,
)
from extensions import db
from models import Application, ApplicationStatus, Reservation
from operations.errors import DomainError
from operations.issuance import issue_guarantees
from operations.reservations import issue_reservation
from tests.builders import (
    RESERVATION_WORK,
    errors_beside,
    fill_reservation,
    make_application,
    reservation_values,
    row_counts,
    ticked,
    user,
)


def apply_and_send(web) -> Application:
    page = web.get("/applicant/reservations/new")
    assert "証書(紙)のみ" in page.text and "電子交付" in page.text
    assert "サンプルデータ" in page.text
    form = page.forms["reservation-form"]
    fill_reservation(form, reservation_values())
    confirm = form.submit("action", value="confirm", status=303).follow()
    assert "契約保証予約の内容" in confirm.text
    confirm.forms["send"].submit(status=303)
    return db.session.scalar(select(Application).where(Application.work_name == RESERVATION_WORK))


# --- domain ---


def test_the_fee_comes_from_the_sample_table_and_the_tax_is_shown_apart():
    assert reservation_fee(10_000_000) == 3_000
    assert reservation_fee(10_000_001) == 5_000
    assert reservation_fee(10**12) == 20_000
    charge = reservation_charge(30_000_000, Decimal("0.10"))
    assert (charge.fee, charge.tax, charge.total) == (5_000, 500, 5_500)
    assert consumption_tax(3_333, Decimal("0.10")) == 333  # yen fractions cut


def test_the_reserved_amount_is_at_least_the_orderers_minimum_of_the_bid():
    values = {"contract_price": 30_000_000, "reserved_amount": 2_000_000}
    problems = check_reservation(values, AmountRules(), has_guarantees=False)
    assert "3,000,000円" in problems["reserved_amount"]
    values["reserved_amount"] = 31_000_000
    assert "入札金額以下" in check_reservation(values, AmountRules(), False)["reserved_amount"]
    assert "guarantees" in check_reservation({}, None, has_guarantees=True)


def test_reservation_numbers_are_their_own_series():
    assert format_reservation_number("10501", 7) == "予10501-000007"


# --- web ---


@pytest.mark.rendered_form(
    "applicant.new_reservation", "applicant.submit", "branch.issue", "applicant.convert"
)
def test_a_reservation_is_issued_with_its_number_and_converted_keeping_the_works_facts(web):
    web.log_in("applicant")
    application = apply_and_send(web)
    assert application.kind is ApplicationKind.RESERVATION
    assert application.status is ApplicationStatus.SUBMITTED
    assert application.reserved_amount == 3_000_000 and application.guarantees == []

    branch = _switch(web, "branch")
    review = branch.get(f"/branch/applications/{application.id}")
    assert "予約手数料の見積り" in review.text and "消費税額（10%）" in review.text
    assert "5,500円" in review.text
    issued = ticked(review.forms["issue"]).submit(status=303).follow()
    reservation = application.reservation
    assert reservation.number == "予10501-000002"  # after the demo's
    assert (reservation.fee, reservation.tax) == (5_000, 500)
    assert reservation.number in issued.text
    certificate = branch.get(f"/branch/applications/{application.id}/reservation.pdf")
    assert certificate.content_type == "application/pdf"
    again = branch.get(f"/branch/applications/{application.id}/reservation.pdf")
    assert again.body == certificate.body  # stored once

    applicant = _switch(web, "applicant")
    page = applicant.get(f"/applicant/applications/{application.id}")
    assert reservation.number in page.text
    draft = page.forms["convert"].submit(status=303).follow()
    converted = db.session.scalar(
        select(Application).where(Application.converted_from_id == application.id)
    )
    assert (
        converted.kind is ApplicationKind.GUARANTEE and converted.status is ApplicationStatus.DRAFT
    )
    assert (converted.work_name, converted.contract_price, converted.work_end) == (
        RESERVATION_WORK,
        30_000_000,
        application.work_end,
    )
    assert converted.guarantee(GuaranteeKind.CONTRACT).amount == 3_000_000
    assert draft.forms["application-form"]["work_name"].value == RESERVATION_WORK
    shown = applicant.get(f"/applicant/applications/{converted.id}").text
    assert f"申込 {application.number}" in shown and reservation.number in shown
    origin = applicant.get(f"/applicant/applications/{application.id}").text
    assert f"申込 {converted.number}" in origin and 'id="convert"' not in origin


def test_a_reservation_cannot_ask_for_electronic_delivery_or_be_issued_as_a_guarantee(web):
    web.log_in("applicant")
    page = web.get("/applicant/reservations/new")
    assert "certificate_form" not in page.forms["reservation-form"].fields


@pytest.mark.rendered_form("applicant.new_reservation")
def test_a_reserved_amount_below_the_minimum_comes_back_beside_its_field(web):
    web.log_in("applicant")
    form = web.get("/applicant/reservations/new").forms["reservation-form"]
    fill_reservation(form, reservation_values(reserved_amount="1,000,000"))
    before = row_counts()
    page = form.submit("action", value="confirm", status=422)
    assert "3,000,000円" in errors_beside(page.text, "reserved_amount")
    assert row_counts() == before


def test_another_company_cannot_convert_or_download_a_reservation(web, client, login_as, post):
    web.log_in("applicant")
    application = apply_and_send(web)
    issue_reservation(user("branch"), application, application.revision)
    db.session.commit()
    login_as("applicant2")
    for suffix in ("reservation.pdf", "reservation-fee.pdf"):
        assert client.get(f"/applicant/applications/{application.id}/{suffix}").status_code == 404
    assert post(f"/applicant/applications/{application.id}/convert").status_code == 404
    db.session.refresh(application)
    assert application.converted_to is None


def test_a_reservation_is_not_issued_as_a_guarantee(web):
    web.log_in("applicant")
    application = apply_and_send(web)
    with pytest.raises(DomainError, match="予約を発行する"):
        issue_guarantees(user("branch"), application, application.revision)


def _switch(web, login_id):
    web.reset()
    web.log_in(login_id)
    return web


@pytest.mark.rendered_form("applicant.new_reservation", "applicant.edit_application")
def test_a_reservation_draft_is_saved_and_edited_on_its_own_form(web):
    web.log_in("applicant")
    form = web.get("/applicant/reservations/new").forms["reservation-form"]
    fill_reservation(form, reservation_values(reserved_amount=""))
    edit = form.submit("action", value="save_draft", status=303).follow()
    application = db.session.scalar(
        select(Application).where(Application.work_name == RESERVATION_WORK)
    )
    assert application.kind is ApplicationKind.RESERVATION
    assert application.status is ApplicationStatus.DRAFT
    form = edit.forms["reservation-form"]
    assert form["work_name"].value == RESERVATION_WORK and form["reserved_amount"].value == ""
    form["reserved_amount"] = "4,000,000"
    form.submit("action", value="confirm", status=303)
    db.session.refresh(application)
    assert application.reserved_amount == 4_000_000
    assert application.kind is ApplicationKind.RESERVATION


def test_reservation_numbers_count_apart_from_the_branchs_contract_numbers(web):
    from models import BranchSerial, ReservationSerial

    web.log_in("applicant")
    first = apply_and_send(web)
    branch = first.branch
    contracts_before = db.session.get(BranchSerial, branch.id)
    contracts_before = contracts_before.last_serial if contracts_before else 0
    issue_reservation(user("branch"), first, first.revision)
    second = make_application(status=ApplicationStatus.SUBMITTED)
    second.kind, second.reserved_amount = ApplicationKind.RESERVATION, 5_000_000
    second.guarantees.clear()
    db.session.flush()
    reservation = issue_reservation(user("branch"), second, second.revision)
    db.session.commit()
    assert [r.number for r in db.session.scalars(select(Reservation).order_by(Reservation.id))] == [
        "予10501-000001",  # the demo's
        "予10501-000002",
        "予10501-000003",
    ]
    assert reservation.number == "予10501-000003"
    assert db.session.get(ReservationSerial, branch.id).last_serial == 3
    after = db.session.get(BranchSerial, branch.id)
    assert (after.last_serial if after else 0) == contracts_before
