"""Column helpers shared by the models."""

from datetime import UTC, datetime

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.types import TypeDecorator

#: Yen amounts: public works reach billions, beyond a 32-bit INTEGER.
Yen = BigInteger


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def utcnow() -> datetime:
    """The current time in UTC (a callable default, evaluated per row, not at import)."""
    return datetime.now(UTC)
