"""Jinja filters for how the product writes yen, dates and times in Japanese."""

from datetime import date, datetime

from flask import Flask

from clock import today
from domain.identifiers import key_groups
from domain.japan_time import day_text, jst_date, jst_text
from domain.lifecycle import Standing
from domain.ratios import format_percent
from domain.wareki import to_wareki
from domain.yen import format_yen
from operations.errors import INVALID_INPUT


def jst(moment: datetime | None) -> str:
    """A timestamp as Japan time, e.g. 2026/11/24 09:30 (lists and histories)."""
    return jst_text(moment) if moment else ""


def _day(value: date | datetime | str) -> date:
    """A date as people read it: an instant gives its day in Japan; snapshots keep ISO strings."""
    if isinstance(value, datetime):
        return jst_date(value)
    if isinstance(value, str):
        return date.fromisoformat(value)
    return value


def day(value: date | datetime | str | None) -> str:
    """A date (or the Japanese day of an instant) as people read it on a page: 2026/11/28, the
    date part of `jst`. Documents write 和暦 (`wareki`); CSV, the API and date inputs keep ISO."""
    return day_text(_day(value)) if value else ""


def yen(amount: int | None) -> str:
    return format_yen(amount) if amount is not None else ""


def wareki(day: date | datetime | str | None) -> str:
    """A date (or the Japanese day of an instant) in 和暦, e.g. 令和8年4月1日."""
    return to_wareki(_day(day)) if day else ""


def ratio(value) -> str:
    """A ratio as a percentage without trailing zeros, e.g. 0.4 → 40%."""
    return f"{(value * 100).normalize():f}%" if value is not None else ""


def share(value) -> str:
    """A JV member's share in percent, e.g. 60.00 → 60%."""
    return f"{value.normalize():f}%" if value is not None else ""


def standing(contract) -> Standing:
    """有効, 期限満了 or 解約 of a guarantee contract today (in Japan); `.label`, `.value`."""
    return contract.standing_on(today())


def register_template_helpers(app: Flask) -> None:
    """Make the filters available to every template (and the one message every refused
    form may show on top)."""
    app.jinja_env.globals["INVALID_INPUT"] = INVALID_INPUT
    app.jinja_env.globals["Standing"] = Standing
    app.add_template_filter(jst)
    app.add_template_filter(day)
    app.add_template_filter(yen)
    app.add_template_filter(wareki)
    app.add_template_filter(ratio)
    app.add_template_filter(share)
    app.add_template_filter(standing)
    app.add_template_filter(format_percent, name="percent")
    app.add_template_filter(key_groups)
