"""Row locks for state changes that two people might make at the same moment."""

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite

from extensions import db

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def locked(model, record_id: int):
    """The row re-read and locked until the commit (FOR UPDATE on PostgreSQL).

    SQLite has no row locks: a write that changes nothing takes its one writer's lock first
    (waiting for a writer that holds it), so the row read next is the latest committed one.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(
            update(model)
            .where(model.id == record_id)
            .values(id=model.id)
            .execution_options(synchronize_session=False)
        )
    return db.session.scalars(
        select(model)
        .where(model.id == record_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def insert_once(model, **values) -> bool:
    """Insert a row unless one with the same unique key exists or is being inserted by another
    request (then wait for that request); True when this call inserted it."""
    insert = _INSERTS[db.session.get_bind().dialect.name]
    # The inserted key returned, not the rowcount: psycopg reports -1 for this statement.
    table = model.__table__
    statement = (
        insert(table).values(**values).on_conflict_do_nothing().returning(*table.primary_key)
    )
    return db.session.execute(statement).first() is not None
