"""The daily jobs of the worker: when each last ran, so that it runs once a day among workers."""

from datetime import date, datetime

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db
from models.types import UTCDateTime


class DailyJobRun(db.Model):
    """One registered daily job: the last day (in Japan) it ran, and its last failure."""

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    last_run_on: Mapped[date | None] = mapped_column(Date)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: After a failure the job waits until then before it is tried again.
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")
