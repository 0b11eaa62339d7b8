"""予約手数料 tables set by head office (the sample table stays in force until one is set)

Revision ID: c1d5e9a3f7b2
Revises: c3a9d5e1f7b2
Create Date: 2026-11-28 00:20:00

"""
import sqlalchemy as sa
from alembic import op

import models.types

revision = "c1d5e9a3f7b2"
down_revision = "c3a9d5e1f7b2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "reservation_fee_table",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bands", sa.JSON(), nullable=False),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("set_at", models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("set_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["replaces_id"],
            ["reservation_fee_table.id"],
            name=op.f("fk_reservation_fee_table_replaces_id_reservation_fee_table"),
        ),
        sa.ForeignKeyConstraint(
            ["set_by_id"], ["user.id"], name=op.f("fk_reservation_fee_table_set_by_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reservation_fee_table")),
        sa.UniqueConstraint("replaces_id", name=op.f("uq_reservation_fee_table_replaces_id")),
    )


def downgrade():
    op.drop_table("reservation_fee_table")
