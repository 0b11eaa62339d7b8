"""Orderers' submission details (提出先, subject, 担当課, in-service rule) and submissions

Revision ID: b7c3e5d91a24
Revises: 7fa84d38d813
Create Date: 2026-11-27 19:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

import models.types


# revision identifiers, used by Alembic.
revision = 'b7c3e5d91a24'
down_revision = '7fa84d38d813'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('orderer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission_email', sa.String(length=254), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('submission_subject', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('submission_attachments', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('submission_notes', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('notification_email', sa.String(length=254), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('accepts_submission_in_service', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('departments', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('orderer', schema=None) as batch_op:
        for column in ('submission_email', 'submission_subject', 'submission_attachments',
                       'submission_notes', 'notification_email',
                       'accepts_submission_in_service', 'departments'):
            batch_op.alter_column(column, server_default=None)

    op.create_table('submission',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('orderer_id', sa.Integer(), nullable=False),
    sa.Column('department', sa.String(length=50), nullable=False),
    sa.Column('state', sa.Enum('SUBMITTED', 'OPENED', 'WITHDRAWN', 'REVOKED', name='submissionstate', native_enum=False, length=20), nullable=False),
    sa.Column('submitted_at', models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('ended_at', models.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['contract_id'], ['guarantee_contract.id'], name=op.f('fk_submission_contract_id_guarantee_contract')),
    sa.ForeignKeyConstraint(['opened_by_id'], ['user.id'], name=op.f('fk_submission_opened_by_id_user')),
    sa.ForeignKeyConstraint(['orderer_id'], ['orderer.id'], name=op.f('fk_submission_orderer_id_orderer')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['user.id'], name=op.f('fk_submission_submitted_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission'))
    )
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_contract_id'), ['contract_id'], unique=False)
        batch_op.create_index('ix_submission_orderer_submitted', ['orderer_id', 'submitted_at'], unique=False)


def downgrade():
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_index('ix_submission_orderer_submitted')
        batch_op.drop_index(batch_op.f('ix_submission_contract_id'))
    op.drop_table('submission')

    with op.batch_alter_table('orderer', schema=None) as batch_op:
        for column in ('departments', 'accepts_submission_in_service', 'notification_email',
                       'submission_notes', 'submission_attachments', 'submission_subject',
                       'submission_email'):
            batch_op.drop_column(column)
