"""Mail worker: claims and stable Message-IDs on the outbox; the daily jobs' last runs

Revision ID: 5d2f8e1a9c47
Revises: 5d2f8a9c41e7
Create Date: 2026-11-27 18:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

import models.types


# revision identifiers, used by Alembic.
revision = '5d2f8e1a9c47'
down_revision = '5d2f8a9c41e7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('daily_job_run',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('last_run_on', sa.Date(), nullable=True),
    sa.Column('finished_at', models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('retry_at', models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_daily_job_run'))
    )
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message_id', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('claimed_until', models.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claim_token', sa.String(length=32), nullable=False, server_default=''))
    # Mails already queued get a Message-ID of their own, kept for every later attempt.
    op.execute("UPDATE outbox_mail SET message_id = '<outbox-' || id || '@e-surety.invalid>'")
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.alter_column('message_id', existing_type=sa.String(length=255), nullable=False)
        batch_op.alter_column('claim_token', existing_type=sa.String(length=32), server_default=None)


def downgrade():
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.drop_column('claim_token')
        batch_op.drop_column('claimed_until')
        batch_op.drop_column('message_id')
    op.drop_table('daily_job_run')
