"""The worker process (`flask mail worker`): sends the outbox and runs the daily jobs,
pass after pass, beside the web server and never inside a request."""

import threading

from flask import current_app

from extensions import db
from notifications.outbox import send_due
from operations.daily_jobs import run_due_daily_jobs

#: Mails sent per pass; a full pass is followed by the next one at once.
BATCH = 20
#: A failing pass (e.g. the database is down) waits up to this many intervals before the next.
MAX_BACKOFF = 64


def work_once() -> tuple[int, int]:
    """One pass: the daily jobs that are due, then the due mails; return (sent, failed)."""
    run_due_daily_jobs()
    return send_due(limit=BATCH)


def run_worker(stop: threading.Event) -> None:
    """Pass after pass until `stop` is set; a pass that fails is logged, and the rest before
    the next doubles with each failure in a row."""
    interval = current_app.config["MAIL_WORKER_INTERVAL"]
    failures = 0
    while not stop.is_set():
        try:
            sent, failed = work_once()
        except Exception:
            db.session.remove()  # a fresh session (and connection) for the next pass
            failures += 1
            current_app.logger.exception("mail worker pass failed (%s in a row)", failures)
            stop.wait(interval * min(2**failures, MAX_BACKOFF))
            continue
        failures = 0
        if sent + failed < BATCH:
            stop.wait(interval)
