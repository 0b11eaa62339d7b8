"""Notices about checked guarantees: the orderer's mailbox is told of a change, a 解約, a key
reissue, an approaching 保証期限 and a coverage gap; the contractor is told of the first view.
None carries a key or a link, and each kind can be switched off."""

import csv
import io
import re
from datetime import date, timedelta
from email.header import decode_header, make_header

import pytest
from sqlalchemy import select

from domain.changes import RequestedChange, VersionKind
from extensions import db
from models import Application, AuditEntry, GuaranteeContract, Orderer, OutboxMail
from notifications.outbox import send_due
from operations.contract_changes import cancel_contract, change_contract, reissue_key
from operations.daily_jobs import JOBS
from operations.notices import tell_orderers_of_expiry

MAILBOX = "keiyaku@city.daisen.example.jp"
AKITA_MAILBOX = "keiyaku@pref.akita.example.jp"


@pytest.fixture
def mailboxes(world):
    """大仙市 and 秋田県 each have a contract mailbox for notices."""
    for name, address in (("大仙市", MAILBOX), ("秋田県", AKITA_MAILBOX)):
        db.session.scalar(select(Orderer).where(Orderer.name == name)).notification_email = address
    db.session.commit()


@pytest.fixture
def act(app, login_as):
    """Run a branch operation on a contract and commit, as the branch's request would."""

    def run(operation, contract, *args, **kwargs):
        branch = login_as("branch")
        with app.test_request_context():
            operation(branch, contract, contract.revision, *args, **kwargs)
            db.session.commit()

    return run


def _open(client, login_as, look_up, contract, key, who="verifier"):
    login_as(who)
    look_up(contract.number, key)
    return client.get(f"/verifier/certificates/{contract.id}")


def _mails_to(address: str) -> list[OutboxMail]:
    return db.session.scalars(
        select(OutboxMail).where(OutboxMail.to == address).order_by(OutboxMail.id)
    ).all()


def _assert_no_key_and_no_link(mail: OutboxMail, key: str) -> None:
    for body in (mail.body_text, mail.body_html):
        assert key not in body and "http" not in body
        assert not re.search(r"(?<![A-Za-z0-9])[A-Za-z0-9]{12}(?![A-Za-z0-9])", body)


def test_a_cancellation_after_a_check_mails_the_orderer_and_flags_the_checked_list(
    client, login_as, look_up, contract, key, act, mailboxes
):
    _open(client, login_as, look_up, contract, key)
    assert _mails_to(MAILBOX) == []  # opening is no news to the orderer
    act(cancel_contract, contract, "工事中止のため")
    (mail,) = _mails_to(MAILBOX)
    assert "解約" in mail.subject and "電子保証確認サービス" in mail.subject
    assert contract.number in mail.body_text and "解約されました" in mail.body_text
    assert "電子保証確認サービス" in mail.body_text
    _assert_no_key_and_no_link(mail, key)
    login_as("verifier")
    assert 'status-declined">解約' in client.get("/verifier/checked").text


def test_no_notice_about_a_guarantee_the_orderer_never_checked(contract, act, mailboxes):
    act(cancel_contract, contract, "工事中止のため")
    assert _mails_to(MAILBOX) == []


def test_a_visible_change_and_a_key_reissue_are_told_and_flagged(
    client, login_as, look_up, contract, key, act, mailboxes, clock
):
    _open(client, login_as, look_up, contract, key)
    clock.now += timedelta(hours=1)
    act(change_contract, contract, RequestedChange(VersionKind.DECREASE, new_amount=9_000_000))
    act(reissue_key, contract)
    changed, reissued = _mails_to(MAILBOX)
    assert "保証内容の変更" in changed.subject and "変更-1" in changed.body_text
    assert "9,000,000円" in changed.body_text
    assert "認証キーの再発行" in reissued.subject and "新しい認証キーは受注者から" in (
        reissued.body_text
    )
    for mail in (changed, reissued):
        _assert_no_key_and_no_link(mail, key)
    login_as("verifier")
    checked = client.get("/verifier/checked").text
    assert "変更あり" in checked and "認証キー再発行" in checked


def test_a_hidden_correction_is_not_told(client, login_as, look_up, contract, key, act, mailboxes):
    _open(client, login_as, look_up, contract, key)
    correction = RequestedChange(
        VersionKind.CORRECTION, new_amount=contract.amount - 1, new_end=contract.guarantee_end
    )
    act(change_contract, contract, correction, reason="誤記訂正")
    assert _mails_to(MAILBOX) == []


def test_the_orderer_is_told_once_thirty_days_before_the_guarantee_ends(
    app, client, login_as, look_up, contract, key, mailboxes, clock
):
    _open(client, login_as, look_up, contract, key)
    end = contract.guarantee_end
    with app.test_request_context():
        tell_orderers_of_expiry(end - timedelta(days=31))
        db.session.commit()
        assert _mails_to(MAILBOX) == []
        tell_orderers_of_expiry(end - timedelta(days=30))
        tell_orderers_of_expiry(end - timedelta(days=29))
        db.session.commit()
    (mail,) = _mails_to(MAILBOX)
    assert JOBS["expiry_notices"] is tell_orderers_of_expiry  # the worker runs it daily
    assert "保証期限が近づいています" in mail.subject and "30日を切りました" in mail.body_text
    _assert_no_key_and_no_link(mail, key)
    clock.now = clock.now.replace(year=end.year, month=end.month, day=end.day) - timedelta(days=10)
    login_as("verifier")
    assert "期限間近" in client.get("/verifier/checked").text


def test_the_contractor_is_told_when_the_orderer_first_opens_a_version(
    client, login_as, look_up, contract, key, smtp_server
):
    _open(client, login_as, look_up, contract, key)
    client.get(f"/verifier/certificates/{contract.id}")  # a later view is no news
    send_due()
    (arrived,) = [m for m in smtp_server.messages if "確認しました" in str(m["Subject"])]
    assert arrived["To"] == "soumu@example.co.jp"
    subject = str(make_header(decode_header(arrived["Subject"])))
    assert subject == "【e-Surety 電子保証】大仙市が電子保証を確認しました"
    text = arrived.get_body(preferencelist=("plain",)).get_content()
    # NOW is 2026-11-25 00:00 UTC: 09:00 in Japan.
    assert "大仙市が電子保証を確認しました（電子保証発行日時 2026/11/25 09:00）" in text
    assert contract.number in text and "新規" in text
    assert key not in text and "http" not in text


def test_without_an_application_address_the_company_admins_are_told(
    client, login_as, look_up, contract, key
):
    application = db.session.get(Application, contract.application_id)
    application.notify_email = ""
    db.session.commit()
    _open(client, login_as, look_up, contract, key)
    (mail,) = [m for m in _mails_to("applicant@demo.example.jp") if "確認しました" in m.subject]
    assert "電子保証発行日時" in mail.body_text


@pytest.mark.rendered_form("company.notifications")
def test_a_company_admin_switches_the_confirmation_notice_off(
    web, client, login_as, look_up, contract, key
):
    page = web.log_in("applicant").click("お知らせの設定")
    form = page.forms["notice-settings"]
    assert form["confirmed"].checked
    form["confirmed"] = False
    saved = form.submit(status=303).follow()
    assert "お知らせの設定を保存しました" in saved.text
    assert not saved.forms["notice-settings"]["confirmed"].checked
    _open(client, login_as, look_up, contract, key)
    assert not [m for m in _mails_to("soumu@example.co.jp") if "確認しました" in m.subject]


@pytest.mark.rendered_form("admin.orderer_notifications")
def test_head_office_switches_an_orderers_cancellation_notice_off(
    web, client, login_as, look_up, contract, key, act, mailboxes
):
    daisen = db.session.scalar(select(Orderer).where(Orderer.name == "大仙市"))
    web.log_in("hq")
    page = web.get(f"/admin/orderers/{daisen.id}")
    form = page.forms["orderer-notices"]
    assert form["cancelled"].checked and form["changed"].checked
    form["cancelled"] = False
    saved = form.submit(status=303).follow()
    assert not saved.forms["orderer-notices"]["cancelled"].checked
    assert saved.forms["orderer-notices"]["changed"].checked
    _open(client, login_as, look_up, contract, key)
    act(cancel_contract, contract, "工事中止のため")
    assert _mails_to(MAILBOX) == []


@pytest.mark.rendered_form("verifier.lookup", "verifier.check")
def test_kept_values_are_watched_and_a_gap_is_told_once(
    web, login_as, contract, key, act, mailboxes
):
    web.log_in("verifier")
    lookup = web.form_to(web.get("/verifier/"), "/verifier/")
    lookup["number"], lookup["key"] = contract.number, key
    certificate = lookup.submit(status=303).follow()
    check = web.form_to(certificate, f"/verifier/certificates/{contract.id}/cross-check")
    check["keep"] = True
    refused = check.submit(status=422)
    assert "工期（完成日）か請負金額を入力してください" in refused.text
    check = web.form_to(refused, f"/verifier/certificates/{contract.id}/cross-check")
    check["work_end"] = contract.work_end.isoformat()
    check["keep"] = True
    saved = check.submit().text
    assert "保存しました" in saved and "監視中：工期（完成日）" in saved
    assert "有効（変更なし）" in web.get("/verifier/checked").text
    # The branch corrects the 保証期限 to before the kept 工期 end, then decreases the amount.
    shorter = contract.work_end - timedelta(days=10)
    correction = RequestedChange(
        VersionKind.CORRECTION, new_amount=contract.amount, new_end=shorter
    )
    act(change_contract, contract, correction, reason="誤記訂正")
    act(change_contract, contract, RequestedChange(VersionKind.DECREASE, new_amount=8_000_000))
    act(change_contract, contract, RequestedChange(VersionKind.DECREASE, new_amount=7_000_000))
    coverage = [m for m in _mails_to(MAILBOX) if "満たさなくなりました" in m.subject]
    assert len(coverage) == 2  # the term gap once, the decrease once
    assert "工期の完成日" in coverage[0].body_text and "減額" in coverage[1].body_text
    for mail in coverage:
        _assert_no_key_and_no_link(mail, key)
    checked = web.get("/verifier/checked").text
    assert "保証期限不足" in checked and "減額" in checked


def test_the_checked_list_downloads_as_csv_with_formulas_neutralised(
    client, login_as, look_up, contract, key
):
    application = db.session.get(Application, contract.application_id)
    application.work_name = '=HYPERLINK("http://evil")'
    db.session.commit()
    _open(client, login_as, look_up, contract, key)
    response = client.get("/verifier/checked.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith("\ufeff".encode())
    header, row = csv.reader(io.StringIO(response.data.decode("utf-8-sig")))
    line = dict(zip(header, row, strict=True))
    assert line["工事名"] == '\'=HYPERLINK("http://evil")'
    assert line["保証契約番号"] == contract.number and line["現在の状況"] == "有効"
    assert line["保証金額"] == str(contract.amount)
    assert line["保証期限"] == contract.guarantee_end.isoformat()
    assert line["確認日時"] == "2026/11/25 09:00"  # Japan time


def test_another_orderers_clerk_gets_no_mail_and_no_row_of_daisen(
    client, login_as, look_up, contract, key, act, mailboxes
):
    _open(client, login_as, look_up, contract, key)
    login_as("verifier2")  # 秋田県: tries the right pair of 大仙市's certificate
    look_up(contract.number, key)
    assert client.get(f"/verifier/certificates/{contract.id}").status_code == 404
    act(reissue_key, contract)
    act(cancel_contract, contract, "工事中止のため")
    assert len(_mails_to(MAILBOX)) == 2 and _mails_to(AKITA_MAILBOX) == []
    login_as("verifier2")
    assert contract.number not in client.get("/verifier/checked").text
    listed = client.get("/verifier/checked.csv").data.decode("utf-8-sig")
    assert contract.number not in listed and listed.count("\r\n") == 1  # the header alone


def test_another_orderers_clerk_cannot_keep_a_watch_on_daisens_contract(
    login_as, contract, post, mailboxes
):
    login_as("verifier2")
    response = post(
        f"/verifier/certificates/{contract.id}/cross-check",
        {"work_end": "2026-12-01", "keep": "y"},
    )
    assert response.status_code == 404
    assert db.session.get(GuaranteeContract, contract.id).coverage_watch is None


def test_no_flag_before_the_term_nears(client, login_as, look_up, contract, key):
    _open(client, login_as, look_up, contract, key)
    assert contract.guarantee_end - date(2026, 11, 25) > timedelta(days=30)
    assert "期限間近" not in client.get("/verifier/checked").text


def test_only_the_first_view_is_audited_as_such_on_every_database(
    client, login_as, look_up, contract, key
):
    """insert_once tells whether it inserted (psycopg reports no rowcount for it)."""
    _open(client, login_as, look_up, contract, key)
    client.get(f"/verifier/certificates/{contract.id}")
    actions = db.session.scalars(
        select(AuditEntry.action)
        .where(AuditEntry.action.like("certificate.%viewed"))
        .order_by(AuditEntry.id)
    ).all()
    assert actions == ["certificate.first_viewed", "certificate.viewed"]
