"""Row locks for state changes that two people might make at the same moment."""

from sqlalchemy import select

from extensions import db


def locked(model, record_id: int):
    """The row re-read and locked until the commit (FOR UPDATE on PostgreSQL).

    SQLite ignores FOR UPDATE; it lets one writer at a time, and the model's revision column
    refuses a second write based on the same revision.
    """
    return db.session.scalars(
        select(model)
        .where(model.id == record_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
