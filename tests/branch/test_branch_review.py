"""The queue of sent applications and the review: open, return, decline; who sees what."""

import re

import pytest
from sqlalchemy import func, select

from extensions import db
from models import Application, ApplicationStatus, AuditEntry, OutboxMail
from tests.branch.conftest import application_named
from tests.builders import ticked


def test_branch_staff_land_on_the_queue_of_their_branch(client, login_as):
    login_as("branch")
    page = client.get("/branch/")
    assert page.status_code == 200
    assert "受付一覧" in page.text
    assert "市道大曲中央線道路改良工事" in page.text
    assert "大仙市立サンプル小学校体育館改修工事" not in page.text  # a draft is not sent


def test_other_roles_cannot_open_the_console(client, login_as):
    login_as("applicant")
    assert client.get("/branch/").status_code == 403
    assert client.get("/branch/fees").status_code == 403


def test_queue_filters_by_status_and_searches_name_company_and_number(client, login_as, sent):
    login_as("branch")
    returned = client.get("/branch/?status=returned").text
    assert "大仙市サンプル公園遊具更新工事" in returned
    assert "市道大曲中央線道路改良工事" not in returned
    by_company = client.get("/branch/?q=秋田土木").text
    assert "県道秋田サンプル線橋梁補修工事" in by_company
    assert "市道大曲中央線道路改良工事" not in by_company
    by_number = client.get(f"/branch/?q={sent.number}").text
    assert "市道大曲中央線道路改良工事" in by_number
    assert "県道秋田サンプル線橋梁補修工事" not in by_number
    assert "該当する申込はありません" in client.get("/branch/?q=100%25_x").text


def test_queue_ignores_nonsense_parameters_and_sorts(client, login_as):
    login_as("branch")
    page = client.get("/branch/?status=draft&sort=evil&page=abc")
    assert page.status_code == 200
    by_name = client.get("/branch/?sort=work_name").text
    names = re.findall(r"<br>([^<]+工事)</td>", by_name)
    assert names == sorted(names) and len(names) == 6  # with the demo's two 予約


def test_queue_pages_and_answers_htmx_with_the_table_alone(client, login_as, sent):
    login_as("branch")
    for n in range(21):
        db.session.add(
            Application(
                contractor_id=sent.contractor_id, created_by_id=sent.created_by_id,
                form_token=f"bulk-{n}", status=ApplicationStatus.SUBMITTED,
                work_name=f"一括工事{n:02d}", branch_id=sent.branch_id,
            )
        )  # fmt: skip
    db.session.commit()
    first = client.get("/branch/")
    assert "1 / 2 ページ" in first.text
    assert "2 / 2 ページ" in client.get("/branch/?page=2").text
    fragment = client.get("/branch/?q=一括", headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith('<div id="queue">')
    assert "HX-Request" in fragment.headers["Vary"]


def test_opening_a_sent_application_marks_it_under_review_once(client, login_as, sent):
    login_as("branch")
    page = client.get(f"/branch/applications/{sent.id}")
    assert page.status_code == 200
    assert sent.status is ApplicationStatus.REVIEWING
    client.get(f"/branch/applications/{sent.id}")
    started = db.session.scalar(
        select(func.count()).where(AuditEntry.action == "application.review_started")
    )
    assert started == 4  # the three demo decisions (one a 予約), and this one, once


def test_the_detail_shows_what_was_entered_and_the_fee_quote(client, login_as, sent):
    login_as("branch")
    page = client.get(f"/branch/applications/{sent.id}").text
    for text in (
        "市道大曲中央線道路改良工事",
        "秋田中央銀行　大曲支店",
        "申込 花子",
        "0187-00-0000",
    ):
        assert text in page
    # 2026-11-25 to 2027-09-30 is 310 days; sample rates 0.45% and 0.55% (市区町村).
    assert "76,438円" in page  # 20,000,000 × 0.0045 × 310 / 365, yen cut
    assert "23,356円" in page  # 5,000,000 × 0.0055 × 310 / 365
    assert "99,794円" in page
    assert "サンプルデータ" in page


def test_a_broken_rule_is_flagged_and_blocks_issuing(client, login_as, post, sent):
    sent.orderer.advance_ratio = sent.orderer.advance_ratio / 2  # the orderer now allows 2/10
    db.session.commit()
    login_as("branch")
    page = client.get(f"/branch/applications/{sent.id}").text
    assert "規則に合わない項目が" in page
    response = post(
        f"/branch/applications/{sent.id}/issue", {"revision": sent.revision, "confirmed": "yes"}
    )
    assert "発行できません" in client.get(response.location).text
    assert sent.status is ApplicationStatus.REVIEWING


@pytest.mark.rendered_form("branch.return_")
def test_return_with_a_message_reaches_the_applicant(client, login_as, web, sent):
    web.log_in("branch")
    form = web.get(f"/branch/applications/{sent.id}").forms["return"]
    message = "請負契約書の写しの工期をご確認ください。"
    form["message"] = message
    form.submit(status=303)
    assert sent.status is ApplicationStatus.RETURNED
    assert sent.message_from_branch == message
    mail = db.session.scalar(select(OutboxMail).where(OutboxMail.subject_id == sent.id))
    assert mail.to == "soumu@example.co.jp"
    assert message in mail.body_text
    login_as("applicant")
    assert message in client.get(f"/applicant/applications/{sent.id}").text


@pytest.mark.rendered_form("branch.return_")
def test_an_empty_message_is_refused_beside_the_field(web, sent):
    web.log_in("branch")
    form = web.get(f"/branch/applications/{sent.id}").forms["return"]
    revision = sent.revision
    form["message"] = "  "
    response = form.submit(status=422)
    assert "お客様へのお知らせを入力してください。" in response.text
    assert sent.status is ApplicationStatus.REVIEWING
    assert sent.revision == revision


@pytest.mark.rendered_form("branch.decline")
def test_decline_with_a_reason_without_an_address_notes_that_no_mail_went(web, sent):
    sent.notify_email, sent.notify_by_mail = "", False
    db.session.commit()
    web.log_in("branch")
    form = ticked(web.get(f"/branch/applications/{sent.id}").forms["decline"])
    form["reason"] = "保証限度額を超えるため"
    form.submit(status=303)
    assert sent.status is ApplicationStatus.DECLINED
    assert db.session.scalar(select(OutboxMail).where(OutboxMail.subject_id == sent.id)) is None
    note = db.session.scalar(
        select(AuditEntry).where(
            AuditEntry.action == "mail.not_sent", AuditEntry.subject_id == sent.id
        )
    )
    assert "メールアドレスの登録がない" in note.detail


def test_a_decision_on_a_stale_page_changes_nothing(client, login_as, post, sent):
    login_as("branch")
    client.get(f"/branch/applications/{sent.id}")
    stale = sent.revision - 1
    response = post(f"/branch/applications/{sent.id}/return", {"revision": stale, "message": "x"})
    assert response.status_code == 422 and "別の画面で更新されています" in response.text
    assert sent.status is ApplicationStatus.REVIEWING
    assert sent.message_from_branch == ""


def test_a_withdrawn_application_cannot_be_decided(client, login_as, post, sent):
    sent.status = ApplicationStatus.WITHDRAWN
    db.session.commit()
    login_as("branch")
    response = post(
        f"/branch/applications/{sent.id}/issue", {"revision": sent.revision, "confirmed": "yes"}
    )
    assert "取下げの申込にはこの操作はできません。" in client.get(response.location).text


def test_another_branchs_application_answers_404_but_head_office_sees_it(
    client, login_as, post, foreign
):
    login_as("branch")
    assert foreign.work_name not in client.get("/branch/").text
    assert client.get(f"/branch/applications/{foreign.id}").status_code == 404
    response = post(f"/branch/applications/{foreign.id}/return", {"revision": 1, "message": "x"})
    assert response.status_code == 404
    assert foreign.status is ApplicationStatus.SUBMITTED
    login_as("hq")
    assert foreign.work_name in client.get("/branch/").text
    assert client.get(f"/branch/applications/{foreign.id}").status_code == 200
    login_as("aomori")
    assert "市道大曲中央線道路改良工事" not in client.get("/branch/").text


def test_drafts_are_not_visible_to_the_branch(client, login_as):
    login_as("hq")
    draft = application_named("大仙市立サンプル小学校体育館改修工事")
    assert client.get(f"/branch/applications/{draft.id}").status_code == 404
