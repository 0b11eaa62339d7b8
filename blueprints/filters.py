"""Jinja filters for how the product writes yen, dates and times in Japanese."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Flask

from domain.lifecycle import Standing
from domain.ratios import format_percent, format_yen
from domain.wareki import to_wareki
from operations.clock import today

JST = ZoneInfo("Asia/Tokyo")


def jst(moment: datetime | None) -> str:
    """A timestamp as Japan time, e.g. 2026/11/24 09:30 (lists and histories)."""
    return moment.astimezone(JST).strftime("%Y/%m/%d %H:%M") if moment else ""


def iso_date(day: date | None) -> str:
    return day.isoformat() if day else ""


def yen(amount: int | None) -> str:
    return format_yen(amount) if amount is not None else ""


def wareki(day: date | str | None) -> str:
    """A date in 和暦 (令和8年4月1日); snapshots keep dates as ISO strings."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return to_wareki(day) if day else ""


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
    """Make the filters available to every template."""
    app.add_template_filter(jst)
    app.add_template_filter(iso_date)
    app.add_template_filter(yen)
    app.add_template_filter(wareki)
    app.add_template_filter(ratio)
    app.add_template_filter(share)
    app.add_template_filter(standing)
    app.add_template_filter(format_percent, name="percent")
