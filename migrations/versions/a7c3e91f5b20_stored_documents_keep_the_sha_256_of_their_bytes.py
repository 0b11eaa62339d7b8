"""Stored documents keep the SHA-256 of their bytes (a filed PDF is matched by it)

Revision ID: a7c3e91f5b20
Revises: b7c3e5d91a24
Create Date: 2026-11-27 19:10:00.000000

"""

import hashlib

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a7c3e91f5b20"
down_revision = 'b7c3e5d91a24'
branch_labels = None
depends_on = None

stored = sa.table(
    "stored_document",
    sa.column("id", sa.Integer),
    sa.column("content", sa.LargeBinary),
    sa.column("sha256", sa.String),
)


def upgrade():
    with op.batch_alter_table("stored_document") as batch_op:
        batch_op.add_column(sa.Column("sha256", sa.String(length=64), nullable=True))
    connection = op.get_bind()
    for row in connection.execute(sa.select(stored.c.id, stored.c.content)).all():
        digest = hashlib.sha256(row.content).hexdigest()
        connection.execute(stored.update().where(stored.c.id == row.id).values(sha256=digest))
    with op.batch_alter_table("stored_document") as batch_op:
        batch_op.alter_column("sha256", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(batch_op.f("ix_stored_document_sha256"), ["sha256"], unique=False)


def downgrade():
    with op.batch_alter_table("stored_document") as batch_op:
        batch_op.drop_index(batch_op.f("ix_stored_document_sha256"))
        batch_op.drop_column("sha256")
