"""The applicant's lists indexed by company and update time

Revision ID: b7e2f0c94d16
Revises: 8c4d2e6f1a93
Create Date: 2026-11-27 22:40:00

"""
from alembic import op

revision = "b7e2f0c94d16"
down_revision = "8c4d2e6f1a93"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_application_contractor_updated",
        "application",
        ["contractor_id", "updated_at", "id"],
    )


def downgrade():
    op.drop_index("ix_application_contractor_updated", table_name="application")
