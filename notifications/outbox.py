"""The outbox: a mail is stored in the request's transaction and sent by the mail worker.

No request waits on SMTP. The worker claims one due mail at a time (on PostgreSQL with
`FOR UPDATE SKIP LOCKED`, so two workers never take the same mail; a claim is a lease that
another worker may take over once it ran out), sends it with a socket timeout on the SMTP
connection, and records the outcome. A failed attempt is retried later, each wait twice the
one before. Delivery is at least once: a worker that stops between sending and recording
sends the mail again, with the same Message-ID, so the receiver can drop the repeat.

With no MAIL_SERVER configured nothing is sent: the mails wait, and staff read them on the
outbox page.
"""

import secrets
import smtplib
from datetime import datetime, timedelta
from email.utils import make_msgid

from flask import current_app, render_template
from flask_mail import Connection, Message
from jinja2 import TemplateNotFound
from sqlalchemy import or_, select, update
from sqlalchemy.orm import aliased

from clock import now
from extensions import db, mail
from models.outbox import MailState, OutboxMail

#: The wait after the first failure; it doubles with each further failure, up to MAX_DELAY.
FIRST_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=6)
#: After this many failed attempts a mail is given up (送信失敗) and shown as such to staff.
MAX_ATTEMPTS = 10
#: How long a worker holds a mail it claimed, at the least (longer when MAIL_TIMEOUT is long).
MIN_LEASE = timedelta(minutes=5)
#: Staff may read every mail in the outbox except those carrying a password link to a user.
READABLE_BY_STAFF = OutboxMail.subject_type != "User"


def queue_mail(to: str, template: str, subject: str, *, branch_id, about, **context) -> OutboxMail:
    """Store a mail composed from templates/email/<template>.txt and .html, to be sent by the
    mail worker once the transaction is committed."""
    message = OutboxMail(
        to=to,
        subject=subject,
        body_text=render_template(f"email/{template}.txt", **context),
        body_html=_render_if_present(f"email/{template}.html", **context),
        branch_id=branch_id,
        subject_type=type(about).__name__,
        subject_id=about.id,
        next_attempt_at=now(),
        message_id=make_msgid(domain=_sender_domain()),
    )
    db.session.add(message)
    return message


def _render_if_present(template: str, **context) -> str:
    """A mail's HTML part, for the mails that have one (plain text alone is fine)."""
    try:
        return render_template(template, **context)
    except TemplateNotFound:
        return ""


def _sender_domain() -> str:
    """The domain of our sender address, the right-hand side of every Message-ID."""
    return current_app.config["MAIL_DEFAULT_SENDER"].rpartition("@")[2].strip("> ") or "e-surety"


def send_due(limit: int = 100) -> tuple[int, int]:
    """Send up to `limit` mails whose next attempt is due; return (sent, failed)."""
    if not mail_configured():
        return 0, 0
    sent = failed = 0
    for _ in range(limit):
        claim = claim_next()
        if claim is None:
            break
        if send_claimed(*claim):
            sent += 1
        else:
            failed += 1
    return sent, failed


def mail_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def retry_delay(attempts: int) -> timedelta:
    """The wait after the n-th failed attempt: 1, 2, 4, 8 … minutes, at most MAX_DELAY."""
    return min(FIRST_DELAY * 2 ** (attempts - 1), MAX_DELAY)


def claim_next() -> tuple[OutboxMail, str] | None:
    """Take the next due mail for this worker and count the attempt; commits the claim.

    Returns the mail and this claim's token, or None when no mail is due (or every due mail
    is held by another worker).
    """
    at = now()
    token = secrets.token_hex(16)
    candidate = aliased(OutboxMail)  # not correlated with the row being updated
    next_due = (
        select(candidate.id)
        .where(_claimable(candidate, at))
        .order_by(candidate.next_attempt_at, candidate.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    claimed = db.session.scalar(
        update(OutboxMail)
        .where(OutboxMail.id == next_due, _claimable(OutboxMail, at))
        .values(claimed_until=at + _lease(), claim_token=token, attempts=OutboxMail.attempts + 1)
        .returning(OutboxMail.id)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if claimed is None:
        return None
    return db.session.get(OutboxMail, claimed, populate_existing=True), token


def _claimable(mail: type[OutboxMail], at: datetime):
    """Pending, due, and held by no worker (or by one whose lease ran out)."""
    return (
        (mail.state == MailState.PENDING)
        & (mail.next_attempt_at <= at)
        & or_(mail.claimed_until.is_(None), mail.claimed_until < at)
    )


def _lease() -> timedelta:
    """Long enough for every step of one SMTP session to reach its timeout."""
    return max(MIN_LEASE, timedelta(seconds=10 * current_app.config["MAIL_TIMEOUT"]))


def send_claimed(message: OutboxMail, token: str) -> bool:
    """Send a mail this worker claimed and record the outcome; True when it was accepted."""
    try:
        _send(message)
    except Exception as error:  # any SMTP or network failure: keep the mail, try again later
        _record_failure(message, token, f"{type(error).__name__}: {error}"[:1000])
        return False
    db.session.execute(
        update(OutboxMail)
        .where(OutboxMail.id == message.id)
        .values(state=MailState.SENT, sent_at=now(), last_error="", claimed_until=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return True


def _record_failure(message: OutboxMail, token: str, error: str) -> None:
    """Wait before the next attempt (or give up after MAX_ATTEMPTS), unless the claim was lost."""
    given_up = message.attempts >= MAX_ATTEMPTS
    db.session.execute(
        update(OutboxMail)
        .where(
            OutboxMail.id == message.id,
            OutboxMail.claim_token == token,
            OutboxMail.state == MailState.PENDING,
        )
        .values(
            last_error=error,
            state=MailState.FAILED if given_up else MailState.PENDING,
            next_attempt_at=now() + retry_delay(message.attempts),
            claimed_until=None,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    current_app.logger.warning("mail %s not sent: %s", message.id, error)


def _send(message: OutboxMail) -> None:
    """Hand one mail to the SMTP server, with its stable Message-ID."""
    outgoing = Message(
        subject=message.subject,
        recipients=[message.to],
        body=message.body_text,
        html=message.body_html or None,
        sender=current_app.config["MAIL_DEFAULT_SENDER"],
    )
    outgoing.msgId = message.message_id
    with _TimedConnection(_settings()) as connection:
        connection.send(outgoing)


class _TimedConnection(Connection):
    """Flask-Mail's connection, with MAIL_TIMEOUT on the socket (Flask-Mail sets none, so a
    server that accepts and never answers would block the worker for ever)."""

    def configure_host(self) -> smtplib.SMTP:
        timeout = current_app.config["MAIL_TIMEOUT"]
        smtp = smtplib.SMTP_SSL if self.mail.use_ssl else smtplib.SMTP
        host = smtp(self.mail.server, self.mail.port, timeout=timeout)
        try:
            if self.mail.use_tls:
                host.starttls()
            if self.mail.username and self.mail.password:
                host.login(self.mail.username, self.mail.password)
        except BaseException:
            host.close()
            raise
        return host

    def __exit__(self, exc_type, exc_value, tb) -> None:
        """Say goodbye; a server that drops the line after accepting the mail is no failure."""
        if self.host is not None:
            try:
                self.host.quit()
            except (smtplib.SMTPException, OSError):
                self.host.close()


def _settings():
    """Flask-Mail's settings read from the config as it is now (tests point it elsewhere)."""
    app = current_app._get_current_object()
    return mail.init_mail(app.config, app.debug, app.testing)
