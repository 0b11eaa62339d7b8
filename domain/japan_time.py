"""Japan time: instants are stored in UTC, and every date or time people read is Asia/Tokyo."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

JST = ZoneInfo("Asia/Tokyo")


def to_jst(moment: datetime) -> datetime:
    """An instant as Japan time; a naive instant is taken as UTC (how instants are stored)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(JST)


def jst_date(moment: datetime) -> date:
    """The date in Japan at that instant (the day of a notice, a change, a fee count)."""
    return to_jst(moment).date()


def jst_text(moment: datetime) -> str:
    """An instant as Japan time for lists and histories, e.g. 2026/11/28 01:43."""
    return to_jst(moment).strftime("%Y/%m/%d %H:%M")
