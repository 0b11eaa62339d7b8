"""Search and paging indexes for the branch queue at a million applications

Terms of 3+ characters: a trigram index over 工事名 (pg_trgm GIN on PostgreSQL, also over
company names; an FTS5 trigram table kept by triggers on SQLite). Terms of 1-2 characters: a
prefix of 工事名 or company name, served by B-tree indexes. The sorts of the queue: an index
per order (branch, sort key, id).

On SQLite the triggers belong to the application table: a later batch migration that
recreates that table (alter or drop a column) must create them again.

Revision ID: 8c4d2e6f1a93
Revises: 3e8b5c1d7f42
Create Date: 2026-11-27 21:20:00

"""
from alembic import op

revision = '8c4d2e6f1a93'
down_revision = '3e8b5c1d7f42'
branch_labels = None
depends_on = None

_SQLITE_TRIGGERS = [
    "CREATE TRIGGER application_fts_insert AFTER INSERT ON application BEGIN "
    "INSERT INTO application_fts (rowid, work_name) VALUES (new.id, new.work_name); END",
    "CREATE TRIGGER application_fts_delete AFTER DELETE ON application BEGIN "
    "INSERT INTO application_fts (application_fts, rowid, work_name) "
    "VALUES ('delete', old.id, old.work_name); END",
    "CREATE TRIGGER application_fts_update AFTER UPDATE OF work_name ON application BEGIN "
    "INSERT INTO application_fts (application_fts, rowid, work_name) "
    "VALUES ('delete', old.id, old.work_name); "
    "INSERT INTO application_fts (rowid, work_name) VALUES (new.id, new.work_name); END",
]


def upgrade():
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.create_index('ix_application_branch_submitted', ['branch_id', 'submitted_at', 'id'], unique=False)
        batch_op.create_index('ix_application_branch_work_name', ['branch_id', 'work_name', 'id'], unique=False)
        batch_op.create_index('ix_application_work_name', ['work_name'], unique=False)
    with op.batch_alter_table('contractor', schema=None) as batch_op:
        batch_op.create_index('ix_contractor_name', ['name'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_application_work_name_trgm ON application "
            "USING gin (work_name gin_trgm_ops)"
        )
        op.execute(
            "CREATE INDEX ix_contractor_name_trgm ON contractor USING gin (name gin_trgm_ops)"
        )
    else:
        op.execute(
            "CREATE VIRTUAL TABLE application_fts USING fts5(work_name, "
            "content='application', content_rowid='id', tokenize='trigram')"
        )
        op.execute("INSERT INTO application_fts (application_fts) VALUES ('rebuild')")
        for trigger in _SQLITE_TRIGGERS:
            op.execute(trigger)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_contractor_name_trgm")
        op.execute("DROP INDEX ix_application_work_name_trgm")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER application_fts_{name}")
        op.execute("DROP TABLE application_fts")
    with op.batch_alter_table('contractor', schema=None) as batch_op:
        batch_op.drop_index('ix_contractor_name')
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index('ix_application_work_name')
        batch_op.drop_index('ix_application_branch_work_name')
        batch_op.drop_index('ix_application_branch_submitted')
