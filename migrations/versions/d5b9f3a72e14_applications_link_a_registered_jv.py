"""Applications link a registered 共同企業体 (its members read the contracts)

Revision ID: d5b9f3a72e14
Revises: c4a8e2d61f03
Create Date: 2026-11-27 21:05:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d5b9f3a72e14"
down_revision = "c4a8e2d61f03"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("application") as batch_op:
        batch_op.add_column(sa.Column("joint_venture_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_application_joint_venture_id_joint_venture"),
            "joint_venture",
            ["joint_venture_id"],
            ["id"],
        )
        batch_op.create_index(
            batch_op.f("ix_application_joint_venture_id"), ["joint_venture_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("application") as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_joint_venture_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_application_joint_venture_id_joint_venture"), type_="foreignkey"
        )
        batch_op.drop_column("joint_venture_id")
