"""PDFs rendered once and kept, so a version's document never changes after the first download."""

from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db
from models.types import UTCDateTime


class StoredDocument(db.Model):
    """The bytes of one rendered document, addressed by a name that says what it is of."""

    id: Mapped[int] = mapped_column(primary_key=True)
    #: e.g. "certificate/17" (version 17) or "fee-statement/5" (application 5).
    name: Mapped[str] = mapped_column(String(120), unique=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    #: SHA-256 of `content` (hex): a filed copy is matched against what was issued by it.
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
