"""The outbox: queue a mail inside the transaction, send it once the transaction is committed.

With no MAIL_SERVER configured nothing is sent: the mails wait, and staff read them on the
outbox page. A failed attempt is retried later, each wait twice the one before.
"""

from datetime import datetime, timedelta

from flask import current_app, render_template
from flask_mail import Connection, Message
from jinja2 import TemplateNotFound
from sqlalchemy import select

from extensions import db, mail
from models.outbox import MailState, OutboxMail
from operations.clock import now

#: The wait after the first failure; it doubles with each further failure, up to MAX_DELAY.
FIRST_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=6)
#: After this many failed attempts a mail is given up (送信失敗) and shown as such to staff.
MAX_ATTEMPTS = 10
_QUEUED = "outbox_queued"
#: Staff may read every mail in the outbox except those carrying a password link to a user.
READABLE_BY_STAFF = OutboxMail.subject_type != "User"


def queue_mail(to: str, template: str, subject: str, *, branch_id, about, **context) -> OutboxMail:
    """Store a mail composed from templates/email/<template>.txt and .html; send after commit."""
    message = OutboxMail(
        to=to,
        subject=subject,
        body_text=render_template(f"email/{template}.txt", **context),
        body_html=_render_if_present(f"email/{template}.html", **context),
        branch_id=branch_id,
        subject_type=type(about).__name__,
        subject_id=about.id,
        next_attempt_at=now(),
    )
    db.session.add(message)
    db.session.info.setdefault(_QUEUED, []).append(message)
    return message


def _render_if_present(template: str, **context) -> str:
    """A mail's HTML part, for the mails that have one (plain text alone is fine)."""
    try:
        return render_template(template, **context)
    except TemplateNotFound:
        return ""


def deliver_queued() -> None:
    """Send the mails this session queued (call right after its commit); never raises."""
    queued = db.session.info.pop(_QUEUED, [])
    if not queued or not mail_configured():
        return
    for message in queued:
        _attempt(message, now())
    db.session.commit()


def discard_queued() -> None:
    """Forget the mails of a rolled-back transaction (they were never stored)."""
    db.session.info.pop(_QUEUED, None)


def send_due(at: datetime | None = None, limit: int = 100) -> tuple[int, int]:
    """Send every pending mail whose next attempt is due; return (sent, still failing)."""
    if not mail_configured():
        return 0, 0
    at = at or now()
    due = db.session.scalars(
        select(OutboxMail)
        .where(OutboxMail.state == MailState.PENDING, OutboxMail.next_attempt_at <= at)
        .order_by(OutboxMail.next_attempt_at, OutboxMail.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    results = [_attempt(message, at) for message in due]
    db.session.commit()
    return results.count(True), results.count(False)


def mail_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def retry_delay(attempts: int) -> timedelta:
    """The wait after the n-th failed attempt: 1, 2, 4, 8 … minutes, at most MAX_DELAY."""
    return min(FIRST_DELAY * 2 ** (attempts - 1), MAX_DELAY)


def _attempt(message: OutboxMail, at: datetime) -> bool:
    """Try to send one mail now and record the outcome on it."""
    message.attempts += 1
    try:
        with Connection(_settings()) as connection:
            connection.send(
                Message(
                    subject=message.subject,
                    recipients=[message.to],
                    body=message.body_text,
                    html=message.body_html or None,
                    sender=current_app.config["MAIL_DEFAULT_SENDER"],
                )
            )
    except Exception as error:  # any SMTP or network failure: keep the mail, try again later
        message.last_error = f"{type(error).__name__}: {error}"[:1000]
        if message.attempts >= MAX_ATTEMPTS:
            message.state = MailState.FAILED
        else:
            message.next_attempt_at = at + retry_delay(message.attempts)
        current_app.logger.warning("mail %s not sent: %s", message.id, message.last_error)
        return False
    message.state = MailState.SENT
    message.sent_at = at
    message.last_error = ""
    return True


def _settings():
    """Flask-Mail's settings read from the config as it is now (tests point it elsewhere)."""
    app = current_app._get_current_object()
    return mail.init_mail(app.config, app.debug, app.testing)
