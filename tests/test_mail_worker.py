"""No request waits on SMTP: mail is stored in the request's transaction and the worker sends
it, with a timeout on every SMTP connection, retrying later, at least once with a stable
Message-ID; two workers never send the same mail. The worker's daily jobs run once a day.

Real sockets throughout: a server that accepts and never answers, and aiosmtpd.
"""

import os
import signal
import socket
import threading
from datetime import timedelta
from email.utils import make_msgid

import pytest
from sqlalchemy import select

from extensions import db
from models import Application, MailState, OutboxMail
from notifications.outbox import FIRST_DELAY, MIN_LEASE, claim_next, send_claimed, send_due
from operations import daily_jobs
from operations.worker import run_worker

SHORT_TIMEOUT = 0.2  # seconds: the silent server makes every attempt wait this long


class SilentServer:
    """Accepts TCP connections (the kernel completes them) and never says a word, not even
    the SMTP greeting."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.listener.getsockname()[1]
        self.connections = 0

    def count_connections(self) -> int:
        """Connections made so far (taken from the listen queue without answering them)."""
        self.listener.setblocking(False)
        while True:
            try:
                connection, _ = self.listener.accept()
            except BlockingIOError:
                return self.connections
            connection.close()
            self.connections += 1


@pytest.fixture
def silent_server(app):
    server = SilentServer()
    saved = app.config["MAIL_TIMEOUT"]
    app.config["MAIL_TIMEOUT"] = SHORT_TIMEOUT
    yield server
    app.config["MAIL_TIMEOUT"] = saved
    server.listener.close()


def _queue(count: int, at) -> list[OutboxMail]:
    """`count` pending mails, due at `at`."""
    mails = [
        OutboxMail(
            to=f"r{n}@example.jp", subject=f"お知らせ {n}", body_text=f"本文 {n}",
            next_attempt_at=at, message_id=make_msgid(domain="example.jp"), subject_type="Test",
        )
        for n in range(count)
    ]  # fmt: skip
    db.session.add_all(mails)
    db.session.commit()
    return mails


@pytest.mark.rendered_form("branch.return_")
def test_a_return_with_a_silent_mail_server_answers_at_once_and_leaves_the_mail_queued(
    app, clock, web, mail_config, silent_server
):
    mail_config(silent_server.port)
    app.config["MAIL_TIMEOUT"] = 30  # were the request to wait on SMTP, it would hang here
    sent = db.session.scalar(
        select(Application).where(Application.work_name == "市道大曲中央線道路改良工事")
    )
    web.log_in("branch")
    review = web.get(f"/branch/applications/{sent.id}")
    form = next(f for f in review.forms.values() if f.action.endswith("/return"))
    form["message"] = "工期をご確認ください。"
    assert form.submit().status_int == 303

    mail = db.session.scalar(
        select(OutboxMail).where(
            OutboxMail.subject_type == "Application", OutboxMail.subject_id == sent.id
        )
    )
    assert (mail.state, mail.attempts, mail.sent_at) == (MailState.PENDING, 0, None)
    assert "工期をご確認ください。" in mail.body_text
    assert silent_server.count_connections() == 0  # the request never contacted SMTP


def test_the_worker_times_out_on_a_silent_server_retries_later_and_then_delivers(
    app, clock, mail_config, smtp_server, silent_server
):
    (mail,) = _queue(1, clock.now)
    mail_config(silent_server.port)

    assert send_due() == (0, 1)
    db.session.refresh(mail)
    assert silent_server.count_connections() == 1
    assert (mail.state, mail.attempts, mail.claimed_until) == (MailState.PENDING, 1, None)
    assert "timed out" in mail.last_error
    assert mail.next_attempt_at == clock.now + FIRST_DELAY

    mail_config(smtp_server.port)  # the server answers now, but the mail is not due yet
    assert send_due() == (0, 0)
    clock.now += FIRST_DELAY
    assert send_due() == (1, 0)
    db.session.refresh(mail)
    assert (mail.state, mail.attempts, mail.sent_at) == (MailState.SENT, 2, clock.now)
    (arrived,) = smtp_server.messages
    assert arrived["Message-ID"] == mail.message_id
    assert arrived["To"] == "r0@example.jp"


def test_the_cli_pass_has_the_timeout_too(app, clock, runner, mail_config, silent_server):
    _queue(2, clock.now)
    mail_config(silent_server.port)
    result = runner.invoke(args=["mail", "send-pending"])
    assert "送信 0件、失敗 2件" in result.output
    assert silent_server.count_connections() == 2


def test_a_claimed_mail_waits_for_its_lease_and_a_repeat_carries_the_same_message_id(
    app, clock, smtp_server
):
    (mail,) = _queue(1, clock.now)
    first = claim_next()
    assert first is not None
    assert claim_next() is None  # held by the first worker

    clock.now += MIN_LEASE + timedelta(seconds=1)  # the first worker stopped answering
    second = claim_next()
    assert second is not None and second[0].attempts == 2
    assert send_claimed(*second) and send_claimed(*first)  # both end up sending it

    assert [m["Message-ID"] for m in smtp_server.messages] == [mail.message_id] * 2
    db.session.refresh(mail)
    assert mail.state is MailState.SENT


def test_two_workers_at_once_deliver_each_mail_exactly_once(app, clock, smtp_server):
    mails = _queue(30, clock.now)
    start = threading.Barrier(2)
    results = []

    def worker():
        with app.app_context():
            start.wait()
            results.append(send_due(limit=100))
            db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(sent for sent, _ in results) == 30 and all(f == 0 for _, f in results)
    arrived = sorted(m["Message-ID"] for m in smtp_server.messages)
    assert arrived == sorted(m.message_id for m in mails)
    db.session.expire_all()
    assert {(m.state, m.attempts) for m in mails} == {(MailState.SENT, 1)}


@pytest.fixture
def registered_job(monkeypatch):
    """A daily job registered alone for one test; `.days` are the days it ran for."""

    class Job:
        name = "test-job"

        def __init__(self):
            self.days = []
            self.fail = False
            self.then = lambda: None

        def __call__(self, day):
            if self.fail:
                raise RuntimeError("broken")
            self.days.append(day)
            self.then()

    job = Job()
    monkeypatch.setattr(daily_jobs, "JOBS", {})  # the product's own jobs have tests of their own
    daily_jobs.daily_job(job.name)(job)
    return job


def test_the_daily_jobs_run_once_a_day_from_the_configured_hour_in_japan(
    app, clock, registered_job
):
    app.config["DAILY_JOBS_HOUR"] = 6
    clock.now = clock.now.replace(hour=20, minute=59)  # 2026-11-26 05:59 in Japan
    assert daily_jobs.run_due_daily_jobs() == []
    clock.now += timedelta(minutes=1)  # 06:00 in Japan
    assert daily_jobs.run_due_daily_jobs() == ["test-job"]
    clock.now += timedelta(hours=10)
    assert daily_jobs.run_due_daily_jobs() == []
    clock.now += timedelta(days=1)
    assert daily_jobs.run_due_daily_jobs() == ["test-job"]
    assert [str(day) for day in registered_job.days] == ["2026-11-26", "2026-11-27"]


def test_a_failing_daily_job_is_rolled_back_and_tried_again_later(app, clock, registered_job):
    registered_job.fail = True
    assert daily_jobs.run_due_daily_jobs() == []
    registered_job.fail = False
    assert daily_jobs.run_due_daily_jobs() == []  # not before the retry delay
    clock.now += daily_jobs.RETRY_DELAY
    assert daily_jobs.run_due_daily_jobs() == ["test-job"]
    assert len(registered_job.days) == 1


def test_two_workers_at_the_same_moment_run_a_daily_job_once(app, clock, registered_job):
    start = threading.Barrier(2)
    ran = []

    def worker():
        with app.app_context():
            start.wait()
            ran.extend(daily_jobs.run_due_daily_jobs())
            db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert ran == ["test-job"] and len(registered_job.days) == 1


def test_the_worker_loop_runs_the_daily_jobs_and_sends_the_mail(
    app, clock, smtp_server, registered_job
):
    (mail,) = _queue(1, clock.now)
    stop = threading.Event()
    registered_job.then = stop.set  # the loop ends after this pass
    run_worker(stop)
    db.session.refresh(mail)
    assert mail.state is MailState.SENT and len(smtp_server.messages) == 1


def test_flask_mail_worker_runs_until_sigterm(app, clock, runner, smtp_server, registered_job):
    (mail,) = _queue(1, clock.now)
    registered_job.then = lambda: os.kill(os.getpid(), signal.SIGTERM)  # as systemd stops it
    handlers = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        result = runner.invoke(args=["mail", "worker"])
    finally:
        for stop_signal, handler in handlers.items():
            signal.signal(stop_signal, handler)
    assert "メール送信ワーカーを終了しました。" in result.output
    db.session.refresh(mail)
    assert mail.state is MailState.SENT and len(smtp_server.messages) == 1
