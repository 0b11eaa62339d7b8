"""A disabled orderer is offered for no new application, 予約 or draft; what names it already
stays readable."""

import pytest
from sqlalchemy import select

from extensions import db
from models import Application, ApplicationStatus, Orderer
from operations.errors import DomainError
from operations.issuance import issue_guarantees
from operations.orderer_staff import set_orderer_active
from operations.reservations import issue_reservation
from tests.builders import (
    errors_beside,
    fill_reservation,
    make_application,
    reservation_values,
    row_counts,
    user,
)

REFUSED = "大仙市は現在お取り扱いしていないため選べません"


def _disable(name: str = "大仙市") -> Orderer:
    orderer = db.session.scalar(select(Orderer).where(Orderer.name == name))
    set_orderer_active(user("hq"), orderer, False)
    db.session.commit()
    return orderer


def _offered(form) -> list[str]:
    return [text for _, _, text in form["orderer_id"].options]


def test_a_disabled_orderer_is_offered_on_no_form_and_listed_nowhere_as_accepting(web):
    _disable()
    web.log_in("applicant")
    application_form = web.get("/applicant/applications/new").forms["application-form"]
    reservation_form = web.get("/applicant/reservations/new").forms["reservation-form"]
    assert "大仙市" not in _offered(application_form)
    assert "大仙市" not in _offered(reservation_form)
    assert "秋田県" in _offered(application_form) and "秋田県" in _offered(reservation_form)
    assert "大仙市" not in web.get("/orderers").text
    # The company's contracts with it are existing records: still found and searched by it.
    contracts = web.get("/applicant/contracts")
    search = web.form_to(contracts, "/applicant/contracts")
    assert "大仙市" in [text for _, _, text in search["orderer_id"].options]
    assert "大仙市サンプル地区排水路整備工事" in contracts.text


@pytest.mark.rendered_form("applicant.new_application", "applicant.new_reservation")
def test_a_posted_disabled_orderer_is_refused_beside_its_field_and_nothing_is_saved(web):
    web.log_in("applicant")
    application_form = web.get("/applicant/applications/new").forms["application-form"]
    reservation_form = web.get("/applicant/reservations/new").forms["reservation-form"]
    daisen = _disable()  # while both pages are open
    before = row_counts()
    for form in (application_form, reservation_form):
        form["work_name"] = "市道停止線道路改良工事"
        form["orderer_id"].force_value(str(daisen.id))
        for action in ("save_draft", "confirm"):
            page = form.submit("action", value=action, status=422)
            assert REFUSED in errors_beside(page.text, "orderer_id")
    assert row_counts() == before


@pytest.mark.rendered_form("applicant.edit_application", "applicant.submit")
def test_a_draft_saved_before_the_orderer_was_disabled_is_neither_saved_nor_sent_with_it(web):
    draft = make_application()
    prepared = make_application(work_name="市道送信前線道路改良工事")
    web.log_in("applicant")
    send = web.get(f"/applicant/applications/{prepared.id}/confirm").forms["send"]
    _disable()
    edit = web.get(f"/applicant/applications/{draft.id}/edit")
    assert REFUSED in errors_beside(edit.text, "orderer_id")
    form = edit.forms["application-form"]
    assert "大仙市" not in _offered(form)
    form["orderer_id"].force_value(str(draft.orderer_id))  # the page of before
    revision = draft.revision
    form.submit("action", value="save_draft", status=422)
    db.session.refresh(draft)
    assert draft.revision == revision

    refused = send.submit(status=303).follow()  # the page of before
    assert "修正してから送信してください" in refused.text
    assert REFUSED in refused.text and 'id="send"' not in refused.text
    db.session.refresh(prepared)
    assert prepared.status is ApplicationStatus.DRAFT

    # Choosing another orderer saves the draft.
    form = web.get(f"/applicant/applications/{draft.id}/edit").forms["application-form"]
    form["orderer_id"].select(text="秋田県")
    form.submit("action", value="save_draft", status=303)
    db.session.refresh(draft)
    assert draft.orderer.name == "秋田県"


def test_the_branch_issues_nothing_new_for_a_disabled_orderer_and_still_shows_it(
    web, login_as, client
):
    sent = make_application(status=ApplicationStatus.SUBMITTED)
    _disable()
    with pytest.raises(DomainError, match="発行できません"):
        issue_guarantees(user("branch"), sent, sent.revision)
    db.session.rollback()
    login_as("branch")
    review = client.get(f"/branch/applications/{sent.id}")
    assert review.status_code == 200 and REFUSED in review.get_data(as_text=True)
    login_as("applicant")
    shown = client.get(f"/applicant/applications/{sent.id}").get_data(as_text=True)
    assert "大仙市" in shown


@pytest.mark.rendered_form("applicant.convert")
def test_an_issued_reservation_of_a_disabled_orderer_is_not_converted(web):
    web.log_in("applicant")
    form = web.get("/applicant/reservations/new").forms["reservation-form"]
    fill_reservation(form, reservation_values(work_name="市道予約停止線道路改良工事"))
    form.submit("action", value="confirm", status=303).follow().forms["send"].submit(status=303)
    application = db.session.scalar(
        select(Application).where(Application.work_name == "市道予約停止線道路改良工事")
    )
    issue_reservation(user("branch"), application, application.revision)
    db.session.commit()
    convert = web.get(f"/applicant/applications/{application.id}").forms["convert"]
    _disable()
    page = convert.submit(status=303).follow()
    assert "契約保証へ切替できません" in page.text
    db.session.refresh(application)
    assert application.converted_to is None
