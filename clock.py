"""The current time, injected through the app config so tests can set it. At the top level:
operations, notifications and views all ask it, and it depends on none of them."""

from datetime import UTC, date, datetime

from flask import current_app

from domain.japan_time import jst_date


def now() -> datetime:
    """Now, timezone-aware; `app.config["CLOCK"]` may replace the system clock."""
    clock = current_app.config.get("CLOCK")
    return clock() if clock else datetime.now(UTC)


def today() -> date:
    """Today in Japan, where every date of this domain is counted."""
    return jst_date(now())
