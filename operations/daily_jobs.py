"""Daily jobs: work done once a day by the worker process, from DAILY_JOBS_HOUR in Japan.

A feature hooks in with `@daily_job("name")` on a function taking the day (a date in Japan),
in a module the app imports (the operations are, through the blueprints); it writes through
operations as a request would, and is committed when it returns. Each job
runs once per day among all workers: its row in `daily_job_run` is claimed in the job's own
transaction, so a second worker waits for the first and then finds the day done. A job that
raises is rolled back, logged and tried again after RETRY_DELAY; a worker that was down at
the hour runs the day's jobs when it comes back.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError

from clock import now
from domain.japan_time import to_jst
from extensions import db
from models.daily_jobs import DailyJobRun

DailyJob = Callable[[date], None]

#: The registered jobs by name, in the order they run.
JOBS: dict[str, DailyJob] = {}
RETRY_DELAY = timedelta(minutes=15)


def daily_job(name: str) -> Callable[[DailyJob], DailyJob]:
    """Register the decorated function as the daily job `name`."""

    def register(job: DailyJob) -> DailyJob:
        if name in JOBS:
            raise ValueError(f"a daily job named {name!r} is already registered")
        JOBS[name] = job
        return job

    return register


def run_due_daily_jobs() -> list[str]:
    """Run every registered job that is due and has not run today; return the names run."""
    at = now()
    local = to_jst(at)
    if local.hour < current_app.config["DAILY_JOBS_HOUR"]:
        return []
    return [name for name, job in list(JOBS.items()) if _run_once(name, job, local.date(), at)]


def _run_once(name: str, job: DailyJob, day: date, at: datetime) -> bool:
    """Claim today's run of one job and run it in the same transaction; False if not ours."""
    _ensure_row(name)
    this_job = DailyJobRun.name == name
    claimed = db.session.execute(
        update(DailyJobRun)
        .where(
            this_job,
            or_(DailyJobRun.last_run_on.is_(None), DailyJobRun.last_run_on < day),
            or_(DailyJobRun.retry_at.is_(None), DailyJobRun.retry_at <= at),
        )
        .values(last_run_on=day)
    ).rowcount
    if not claimed:
        db.session.rollback()
        return False
    try:
        job(day)
    except Exception as error:
        db.session.rollback()
        current_app.logger.exception("daily job %s failed; tried again later", name)
        db.session.execute(
            update(DailyJobRun)
            .where(this_job)
            .values(last_error=f"{type(error).__name__}: {error}"[:1000], retry_at=at + RETRY_DELAY)
        )
        db.session.commit()
        return False
    db.session.execute(
        update(DailyJobRun).where(this_job).values(finished_at=now(), last_error="", retry_at=None)
    )
    db.session.commit()
    return True


def _ensure_row(name: str) -> None:
    """The job's row, made once (another worker may make it at the same moment)."""
    if db.session.get(DailyJobRun, name) is not None:
        return
    db.session.add(DailyJobRun(name=name))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
