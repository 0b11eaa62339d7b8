"""認証キー record whether they carry a check character (keys issued before it do not)

Revision ID: c4d8e2f6a1b3
Revises: edec80ac1a1a
Create Date: 2026-11-27 21:05:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4d8e2f6a1b3"
down_revision = "edec80ac1a1a"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("guarantee_contract") as batch_op:
        batch_op.add_column(
            sa.Column("key_has_check", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade():
    with op.batch_alter_table("guarantee_contract") as batch_op:
        batch_op.drop_column("key_has_check")
