"""The applicant's journey: 申込作成 > 申込確認 > 送信完了, drafts, withdrawing, returns."""

import re

import pytest
from sqlalchemy import select

from domain.kinds import CertificateForm, GuaranteeKind
from extensions import db
from models import Application, ApplicationStatus
from tests.builders import application_form, errors_beside, make_application, row_counts, text_of


def _only_application(**where) -> Application:
    applications = db.session.scalars(select(Application).filter_by(**where)).all()
    assert len(applications) == 1
    return applications[0]


def _fill(form, values: dict) -> None:
    """Fill the rendered application form as a person would (tokens stay as rendered)."""
    for name, value in values.items():
        if name in ("form_token", "revision", "action") or name not in form.fields:
            continue
        form[name] = bool(value) if name.endswith("-requested") else value


@pytest.mark.rendered_form("applicant.new_application", "applicant.submit")
def test_new_application_goes_through_confirm_and_is_sent_to_its_branch(web):
    web.log_in("applicant")
    form = web.get("/applicant/applications/new").forms["application-form"]
    _fill(form, application_form())

    response = form.submit("action", value="confirm", status=303)

    application = _only_application(work_name="市道テスト線道路改良工事")
    assert response.location.endswith(f"/applicant/applications/{application.id}/confirm")
    assert application.status is ApplicationStatus.DRAFT
    assert application.contract_price == 50_000_000
    assert application.guarantee(GuaranteeKind.ADVANCE).amount == 20_000_000
    assert application.guarantee(GuaranteeKind.CONTRACT).certificate_form is (
        CertificateForm.ELECTRONIC
    )
    assert application.guarantee(GuaranteeKind.INTERIM) is None

    confirm = response.follow()
    assert "申込確認" in confirm.text and "市道テスト線道路改良工事" in confirm.text
    assert "修正する" in confirm.text and "送信する" in confirm.text
    assert "40.0%" in confirm.text and "10.0%" in confirm.text

    sent = confirm.forms["send"].submit(status=303)
    assert sent.location.endswith(f"/applicant/applications/{application.id}/sent")
    page = sent.follow().text
    assert "送信完了" in page
    assert application.number in page
    assert "秋田支店" in page
    db.session.refresh(application)
    assert application.status is ApplicationStatus.SUBMITTED
    assert application.submitted_at is not None

    listing = web.get("/applicant/applications").text
    row = listing[listing.index(application.number) :]
    assert "送信済" in row[: row.index("</tr>")]


@pytest.mark.rendered_form("applicant.new_application")
def test_a_rendered_form_with_a_mistake_comes_back_with_the_message_beside_the_field(web):
    web.log_in("applicant")
    form = web.get("/applicant/applications/new").forms["application-form"]
    _fill(form, application_form(**{"advance-amount": "24,000,000"}))
    response = form.submit("action", value="confirm", status=422)
    assert "前払金保証金額は請負金額の40%（20,000,000円）以下にしてください。" in response.text
    assert (
        db.session.scalar(select(Application).filter_by(work_name="市道テスト線道路改良工事"))
        is None
    )


def test_the_second_click_on_send_creates_nothing_and_lands_on_sent(login_as, post, client):
    login_as("applicant")
    application = make_application()
    revision = str(application.revision)
    url = f"/applicant/applications/{application.id}/submit"
    assert post(url, {"revision": revision}).status_code == 303
    before = row_counts()

    again = post(url, {"revision": revision})

    assert again.status_code == 303
    assert again.location == f"/applicant/applications/{application.id}/sent"
    assert row_counts() == before
    assert client.get(again.location).status_code == 200


def test_posting_the_same_new_form_twice_gives_one_application(login_as, post):
    login_as("applicant")
    form = application_form(action="save_draft")
    before = row_counts()["Application"]

    first = post("/applicant/applications/new", form)
    second = post("/applicant/applications/new", form)

    assert first.status_code == second.status_code == 303
    assert first.location == second.location
    assert row_counts()["Application"] == before + 1
    _only_application(form_token=form["form_token"])


@pytest.mark.rendered_form("applicant.new_application")
def test_a_draft_can_be_saved_with_almost_nothing_filled_in(web):
    web.log_in("applicant")
    form = web.get("/applicant/applications/new").forms["application-form"]
    form["work_name"] = "下書きの工事"

    response = form.submit("action", value="save_draft", status=303)

    application = _only_application(work_name="下書きの工事")
    assert response.location.endswith(f"/applicant/applications/{application.id}/edit")
    assert application.status is ApplicationStatus.DRAFT
    assert application.contract_price is None and application.guarantees == []
    assert "下書きを保存しました。" in response.follow().text


def test_drafts_are_listed_and_resume_with_their_saved_values(login_as, client):
    login_as("applicant")
    application = make_application(work_name="再開する下書きの工事", contract_price=32_000_000)

    listing = client.get("/applicant/applications").text
    assert "再開する下書きの工事" in listing and "下書き" in listing

    edit = client.get(f"/applicant/applications/{application.id}/edit")
    assert edit.status_code == 200
    assert 'value="再開する下書きの工事"' in edit.text
    assert 'value="32,000,000"' in edit.text
    assert 'value="20,000,000"' in edit.text
    assert 'value="秋田中央銀行　大曲支店"' in edit.text
    assert re.search(r'<input checked[^>]*id="advance-requested"', edit.text)
    assert re.search(r'<input checked[^>]*id="advance-certificate_form-1"', edit.text)
    assert re.search(r'<option selected value="\d+">大仙市</option>', edit.text)


@pytest.mark.rendered_form("applicant.edit_application")
def test_saving_a_draft_again_updates_it_and_keeps_it_a_draft(web):
    web.log_in("applicant")
    application = make_application()
    form = web.get(f"/applicant/applications/{application.id}/edit").forms["application-form"]
    form["work_name"] = "名前を変えた工事"

    form.submit("action", value="save_draft", status=303)

    db.session.refresh(application)
    assert application.work_name == "名前を変えた工事"
    assert application.status is ApplicationStatus.DRAFT


def test_a_stale_form_is_refused_and_changes_nothing(login_as, post):
    login_as("applicant")
    application = make_application(work_name="元の工事名")
    stale = str(application.revision - 1)
    before = row_counts()

    response = post(
        f"/applicant/applications/{application.id}/edit",
        application_form(revision=stale, work_name="古い画面からの変更"),
    )

    assert response.status_code == 422
    assert "この申込は別の画面で更新されています。" in response.text
    db.session.refresh(application)
    assert application.work_name == "元の工事名"
    assert row_counts() == before


def test_a_stale_form_with_bad_input_is_told_it_is_stale(login_as, post):
    login_as("applicant")
    application = make_application()
    before = row_counts()

    response = post(
        f"/applicant/applications/{application.id}/edit",
        application_form(revision=str(application.revision - 1), work_name=""),
    )

    assert response.status_code == 422
    assert "この申込は別の画面で更新されています。" in response.text
    assert errors_beside(response.text, "work_name") == ""
    assert row_counts() == before


def test_a_stale_send_is_refused(login_as, post, client):
    login_as("applicant")
    application = make_application()
    url = f"/applicant/applications/{application.id}/submit"

    response = post(url, {"revision": str(application.revision + 5)})

    assert response.status_code == 303
    assert response.location == f"/applicant/applications/{application.id}/confirm"
    assert "別の画面で更新されています" in client.get(response.location).text
    db.session.refresh(application)
    assert application.status is ApplicationStatus.DRAFT


@pytest.mark.rendered_form("applicant.withdraw")
@pytest.mark.parametrize("status", [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED])
def test_withdraw_before_review(web, status):
    web.log_in("applicant")
    application = make_application(status=status)
    page = web.get(f"/applicant/applications/{application.id}")

    form = page.forms["withdraw"]
    form["confirmed"] = True
    response = form.submit(status=303)

    assert response.location.endswith(f"/applicant/applications/{application.id}")
    assert f"申込 {application.number} を取り下げました。" in response.follow().text
    db.session.refresh(application)
    assert application.status is ApplicationStatus.WITHDRAWN


def test_withdraw_is_refused_once_the_branch_reviews(login_as, post, client):
    login_as("applicant")
    application = make_application(status=ApplicationStatus.REVIEWING)

    detail = client.get(f"/applicant/applications/{application.id}").text
    assert "この申込を取り下げる" not in detail
    response = post(
        f"/applicant/applications/{application.id}/withdraw",
        {"revision": str(application.revision), "confirmed": "yes"},
    )

    assert response.status_code == 303
    assert "審査中の申込は取り下げできません。" in client.get(response.location).text
    db.session.refresh(application)
    assert application.status is ApplicationStatus.REVIEWING


def test_a_sent_application_cannot_be_edited(login_as, client, post):
    login_as("applicant")
    application = make_application(status=ApplicationStatus.SUBMITTED, work_name="送信した工事")

    page = client.get(f"/applicant/applications/{application.id}/edit")
    assert page.status_code == 303
    assert page.location == f"/applicant/applications/{application.id}"

    response = post(
        f"/applicant/applications/{application.id}/edit",
        application_form(revision=str(application.revision), work_name="書き換え"),
    )
    assert response.status_code == 303
    db.session.refresh(application)
    assert application.work_name == "送信した工事"


@pytest.mark.rendered_form("applicant.edit_application", "applicant.submit")
def test_a_returned_application_shows_the_message_and_is_sent_again(web):
    web.log_in("applicant")
    message = "工期の完成日を契約書と同じ日付に修正してください。"
    application = make_application(status=ApplicationStatus.RETURNED, message_from_branch=message)

    detail = web.get(f"/applicant/applications/{application.id}").text
    assert message in detail and "差戻し" in detail and "修正する" in detail
    edit = web.get(f"/applicant/applications/{application.id}/edit")
    assert message in edit.text

    form = edit.forms["application-form"]
    form["work_end"] = "2027-10-31"
    fixed = form.submit("action", value="confirm", status=303)
    assert fixed.location.endswith(f"/applicant/applications/{application.id}/confirm")
    sent = fixed.follow().forms["send"].submit(status=303)

    assert sent.location.endswith(f"/applicant/applications/{application.id}/sent")
    db.session.refresh(application)
    assert application.status is ApplicationStatus.SUBMITTED
    assert application.work_end.isoformat() == "2027-10-31"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", ""),
        ("GET", "/edit"),
        ("POST", "/edit"),
        ("GET", "/confirm"),
        ("GET", "/sent"),
        ("POST", "/submit"),
        ("POST", "/withdraw"),
    ],
)
def test_another_company_gets_404_and_changes_nothing(login_as, client, post, method, path):
    application = make_application(status=ApplicationStatus.SUBMITTED)
    login_as("applicant2")
    before = row_counts()
    url = f"/applicant/applications/{application.id}{path}"

    if method == "GET":
        response = client.get(url)
    else:
        data = application_form(revision=str(application.revision))
        response = post(url, data)

    assert response.status_code == 404
    assert "ページが見つかりません" in response.text
    assert row_counts() == before
    db.session.refresh(application)
    assert application.status is ApplicationStatus.SUBMITTED


def test_the_form_token_of_another_companys_application_saves_nothing(login_as, post):
    application = make_application(work_name="他社の工事")
    login_as("applicant2")
    before = row_counts()

    response = post(
        "/applicant/applications/new",
        application_form(form_token=application.form_token, action="save_draft"),
    )

    assert response.status_code == 422
    assert row_counts() == before
    db.session.refresh(application)
    assert application.work_name == "他社の工事"


def test_the_confirm_page_of_a_draft_with_problems_offers_no_send(login_as, client, post):
    login_as("applicant")
    response = post(
        "/applicant/applications/new",
        {
            "form_token": "incomplete-draft-0001",
            "work_name": "未完成の工事",
            "action": "save_draft",
        },
    )
    application = _only_application(form_token="incomplete-draft-0001")

    confirm = client.get(f"/applicant/applications/{application.id}/confirm")

    assert response.status_code == 303
    assert confirm.status_code == 200
    assert "このままでは送信できません。" in confirm.text
    assert "請負金額を入力してください。" in confirm.text
    assert "送信する" not in confirm.text
    sent = post(f"/applicant/applications/{application.id}/submit", {"revision": "1"})
    assert sent.location.endswith("/confirm")
    db.session.refresh(application)
    assert application.status is ApplicationStatus.DRAFT


def test_the_summary_names_what_was_entered(login_as, client):
    login_as("applicant")
    application = make_application(status=ApplicationStatus.SUBMITTED)

    page = client.get(f"/applicant/applications/{application.id}").text

    main = text_of(page, "main")
    for text in ("大仙市", "50,000,000円", "20,000,000円", "電子保証(認証キーを含む)", "秋田支店"):
        assert text in main
