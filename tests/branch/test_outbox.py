"""Mail through the outbox: kept when no server is set, sent by the worker's pass to a real
SMTP server on loopback, retried with growing waits when the server is down."""

from datetime import timedelta
from email.header import decode_header, make_header

from sqlalchemy import select

from extensions import db
from models import MailState, OutboxMail
from notifications.outbox import FIRST_DELAY, MAX_DELAY, retry_delay, send_due
from tests.conftest import free_port


def _issue(client, post, application):
    client.get(f"/branch/applications/{application.id}")
    return post(
        f"/branch/applications/{application.id}/issue",
        {"revision": application.revision, "confirmed": "yes"},
    )


def _issue_mail(application) -> OutboxMail:
    return db.session.scalar(
        select(OutboxMail).where(
            OutboxMail.subject_type == "Application", OutboxMail.subject_id == application.id
        )
    )


def test_without_a_mail_server_mails_wait_and_staff_can_read_them(client, login_as, post, sent):
    login_as("branch")
    _issue(client, post, sent)
    mail = _issue_mail(sent)
    assert (mail.state, mail.attempts) == (MailState.PENDING, 0)
    outbox = client.get("/branch/outbox").text
    assert "メールサーバーが設定されていない" in outbox
    assert "電子保証（認証キー）発行完了のお知らせ" in outbox
    body = client.get(f"/branch/outbox/{mail.id}").text
    assert (
        "市道大曲中央線道路改良工事" in body
        and "認証キーはこのメールには記載しておりません" in body
    )


def test_the_issue_mail_arrives_at_a_real_smtp_server(client, login_as, post, sent, smtp_server):
    login_as("branch")
    assert _issue(client, post, sent).status_code == 303
    assert smtp_server.messages == []  # the request only queued it
    send_due()
    mail = _issue_mail(sent)
    (arrived,) = [m for m in smtp_server.messages if m["Message-ID"] == mail.message_id]
    assert arrived["To"] == "soumu@example.co.jp"
    assert (
        str(make_header(decode_header(arrived["Subject"])))
        == "電子保証（認証キー）発行完了のお知らせ"
    )
    text = arrived.get_body(preferencelist=("plain",)).get_content()
    assert "保証契約番号 10501-" in text
    db.session.refresh(mail)
    assert mail.state is MailState.SENT and mail.attempts == 1 and mail.sent_at is not None


def test_with_the_server_down_issuing_succeeds_and_the_mail_is_retried_later(
    client, login_as, post, sent, mail_config, smtp_server, clock
):
    mail_config(free_port())  # nothing listens there
    login_as("branch")
    response = _issue(client, post, sent)
    assert response.status_code == 303
    assert "保証を発行しました" in client.get(response.location).text
    mail = _issue_mail(sent)
    assert mail.state is MailState.PENDING and mail.attempts == 0
    send_due()
    db.session.refresh(mail)
    assert mail.state is MailState.PENDING and mail.attempts == 1 and mail.last_error
    assert mail.next_attempt_at == clock.now + FIRST_DELAY
    assert "送信待ち" in client.get("/branch/outbox").text
    send_due()  # the issue mail is not due yet (the demo's mails are, and fail again)
    db.session.refresh(mail)
    assert mail.attempts == 1
    mail_config(smtp_server_port(smtp_server))
    clock.now = clock.now + FIRST_DELAY
    assert send_due()[0] >= 1
    db.session.refresh(mail)
    assert mail.state is MailState.SENT and mail.attempts == 2
    assert any(m["To"] == "soumu@example.co.jp" for m in smtp_server.messages)


def smtp_server_port(collector) -> int:
    return collector.port


def test_the_wait_doubles_up_to_a_limit():
    assert retry_delay(1) == FIRST_DELAY
    assert retry_delay(3) == FIRST_DELAY * 4
    assert retry_delay(30) == MAX_DELAY


def test_the_cli_sends_what_is_due(runner, world, smtp_server):
    result = runner.invoke(args=["mail", "send-pending"])
    assert "送信 2件" in result.output  # the demo's issue and return mails
    assert len(smtp_server.messages) == 2


def test_the_cli_says_so_when_no_server_is_set(runner, world):
    result = runner.invoke(args=["mail", "send-pending"])
    assert "MAIL_SERVER が設定されていない" in result.output


def test_another_branchs_mail_is_not_found(client, login_as, post, sent):
    login_as("branch")
    _issue(client, post, sent)
    mail = _issue_mail(sent)
    mail.branch_id = None
    db.session.commit()
    assert client.get(f"/branch/outbox/{mail.id}").status_code == 404
    login_as("hq")
    assert client.get(f"/branch/outbox/{mail.id}").status_code == 200
    assert timedelta(0) < MAX_DELAY
