"""Indexes for the applicant's contract list and counts, and the count of a short search

The applicant's contract list, newest first: (issued_at, id) of the contracts. The counts by
手続状況 of a company: (contractor_id, status). A 1-2 character search's count: the 工事名
that start with the term, not drafts, from the index alone: (branch_id, work_name, status,
id) and (work_name, status, id).

Only indexes are created (no batch recreation of `application`), so the SQLite triggers of
that table stay as they are.

Revision ID: c1d9a7e35b02
Revises: c1d5e9a3f7b2
Create Date: 2026-11-28 00:20:00

"""
from alembic import op

revision = "c1d9a7e35b02"
down_revision = "c1d5e9a3f7b2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_guarantee_contract_issued", "guarantee_contract", ["issued_at", "id"])
    op.create_index(
        "ix_application_contractor_status", "application", ["contractor_id", "status"]
    )
    op.create_index(
        "ix_application_branch_work_name_status",
        "application",
        ["branch_id", "work_name", "status", "id"],
    )
    op.create_index(
        "ix_application_work_name_status", "application", ["work_name", "status", "id"]
    )


def downgrade():
    op.drop_index("ix_application_work_name_status", table_name="application")
    op.drop_index("ix_application_branch_work_name_status", table_name="application")
    op.drop_index("ix_application_contractor_status", table_name="application")
    op.drop_index("ix_guarantee_contract_issued", table_name="guarantee_contract")
