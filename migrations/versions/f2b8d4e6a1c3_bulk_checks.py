"""Bulk checks (一括確認) of orderers: lines for the hourly budget and the result CSV

Revision ID: f2b8d4e6a1c3
Revises: e4a1c0d7b9f2
Create Date: 2026-11-27 21:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

from models.types import UTCDateTime

# revision identifiers, used by Alembic.
revision = "f2b8d4e6a1c3"
down_revision = "e4a1c0d7b9f2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "bulk_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("orderer_id", sa.Integer(), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("confirmed", sa.Integer(), nullable=False),
        sa.Column("mismatched", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("result", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_bulk_check_user_id_user")),
        sa.ForeignKeyConstraint(
            ["orderer_id"], ["orderer.id"], name=op.f("fk_bulk_check_orderer_id_orderer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_check")),
    )
    with op.batch_alter_table("bulk_check") as batch_op:
        batch_op.create_index("ix_bulk_check_orderer_at", ["orderer_id", "at"], unique=False)


def downgrade():
    with op.batch_alter_table("bulk_check") as batch_op:
        batch_op.drop_index("ix_bulk_check_orderer_at")
    op.drop_table("bulk_check")
