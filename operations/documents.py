"""Documents kept once rendered: a version's certificate and the fee statements."""

from collections.abc import Callable

from sqlalchemy import select

from extensions import db
from models import StoredDocument
from operations.clock import now


def stored_pdf(name: str, render: Callable[[], bytes]) -> bytes:
    """The document called `name`: rendered and kept the first time, the kept bytes after."""
    stored = db.session.scalar(select(StoredDocument).where(StoredDocument.name == name))
    if stored is None:
        stored = StoredDocument(name=name, content=render(), created_at=now())
        db.session.add(stored)
    return stored.content
