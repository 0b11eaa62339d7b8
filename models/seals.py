"""Daily seals: the Merkle root of a day's audit entries and changed version chains."""

from datetime import date, datetime

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.chain import canonical, short_root, utc_iso
from domain.japan_time import day_text
from extensions import db
from models.types import UTCDateTime


class DailySeal(db.Model):
    """One sealed day (in Japan): its root, also appended to the seal log outside the database
    and mailed to head office."""

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    #: The RFC 6962 Merkle root (hex) of the day's leaves (domain.chain).
    root: Mapped[str] = mapped_column(String(64))
    audit_count: Mapped[int]
    head_count: Mapped[int]
    sealed_at: Mapped[datetime] = mapped_column(UTCDateTime)

    @property
    def mark(self) -> str:
        """How documents print the seal: 封印: <16 hex digits> (YYYY/MM/DD, the day as the seal
        mail names it; the seal log's JSON line keeps ISO)."""
        return f"封印: {short_root(self.root)} ({day_text(self.day)})"

    @property
    def log_line(self) -> str:
        """The seal as one line of the seal log (canonical JSON, without the newline)."""
        return canonical(
            {
                "day": self.day.isoformat(),
                "root": self.root,
                "audit_entries": self.audit_count,
                "chain_heads": self.head_count,
                "sealed_at": utc_iso(self.sealed_at),
            }
        ).decode("utf-8")
