"""Check records re-rendered on demand: the nonce their code derives from, what they print

Revision ID: c3a9d5e1f7b2
Revises: b7e2f0c94d16
Create Date: 2026-11-28 00:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = "c3a9d5e1f7b2"
down_revision = "b7e2f0c94d16"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("check_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("code_nonce", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("content_version_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("printed", sa.JSON(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_check_record_content_version_id_certificate_version"),
            "certificate_version",
            ["content_version_id"],
            ["id"],
        )


def downgrade():
    with op.batch_alter_table("check_record", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_check_record_content_version_id_certificate_version"),
            type_="foreignkey",
        )
        batch_op.drop_column("printed")
        batch_op.drop_column("content_version_id")
        batch_op.drop_column("code_nonce")
