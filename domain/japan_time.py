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


def day_text(value: date | datetime) -> str:
    """A date as people read it (pages, messages, mails, the audit trail), e.g. 2026/11/28;
    an instant gives its day in Japan. Machines read ISO (snapshots, CSV, the API)."""
    if isinstance(value, datetime):
        value = jst_date(value)
    return value.strftime("%Y/%m/%d")


def jst_text(moment: datetime) -> str:
    """An instant as Japan time for lists and histories, e.g. 2026/11/28 01:43."""
    local = to_jst(moment)
    return f"{day_text(local)} {local:%H:%M}"
