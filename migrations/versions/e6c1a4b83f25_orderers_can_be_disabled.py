"""Orderers can be disabled by head office (their clerks can no longer log in)

Revision ID: e6c1a4b83f25
Revises: d5b9f3a72e14
Create Date: 2026-11-27 21:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e6c1a4b83f25"
down_revision = "d5b9f3a72e14"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("orderer") as batch_op:
        batch_op.add_column(
            sa.Column("is_active", sa.Boolean(), server_default=sa.true(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table("orderer") as batch_op:
        batch_op.drop_column("is_active")
