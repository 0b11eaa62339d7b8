"""Outbox of mails sent after the commit

Revision ID: a10d222ed16c
Revises: 8bb10d8260c7
Create Date: 2026-11-24 11:30:19.419517

"""
from alembic import op
import sqlalchemy as sa

import models.types


# revision identifiers, used by Alembic.
revision = 'a10d222ed16c'
down_revision = '8bb10d8260c7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outbox_mail',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('to', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('state', sa.Enum('PENDING', 'SENT', 'FAILED', name='mailstate', native_enum=False, length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('created_at', models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('branch_id', sa.Integer(), nullable=True),
    sa.Column('subject_type', sa.String(length=50), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_outbox_mail_branch_id_branch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_mail'))
    )
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_mail_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index('ix_outbox_mail_due', ['state', 'next_attempt_at'], unique=False)
        batch_op.create_index('ix_outbox_mail_subject', ['subject_type', 'subject_id'], unique=False)



def downgrade():
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_mail_subject')
        batch_op.drop_index('ix_outbox_mail_due')
        batch_op.drop_index(batch_op.f('ix_outbox_mail_branch_id'))

    op.drop_table('outbox_mail')
