"""Guarantee contracts, certificate versions and branch serials

Revision ID: 6e1e109d5575
Revises: 06765944e6d3
Create Date: 2026-11-24 11:30:23.330743

"""
from alembic import op
import sqlalchemy as sa

import models.types


# revision identifiers, used by Alembic.
revision = '6e1e109d5575'
down_revision = '06765944e6d3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('branch_serial',
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('last_serial', sa.Integer(), nullable=False),
    sa.CheckConstraint('last_serial >= 0 AND last_serial <= 999999', name=op.f('ck_branch_serial_serial_range')),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_branch_serial_branch_id_branch')),
    sa.PrimaryKeyConstraint('branch_id', name=op.f('pk_branch_serial'))
    )
    op.create_table('guarantee_contract',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=12), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('guarantee_request_id', sa.Integer(), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('ADVANCE', 'INTERIM', 'CONTRACT', name='guaranteekind', native_enum=False, length=20), nullable=False),
    sa.Column('certificate_form', sa.Enum('PAPER', 'ELECTRONIC', name='certificateform', native_enum=False, length=20), nullable=False),
    sa.Column('status', sa.Enum('ACTIVE', 'CANCELLED', name='contractstatus', native_enum=False, length=20), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('guarantee_end', sa.Date(), nullable=False),
    sa.Column('fee_rate_entry_id', sa.Integer(), nullable=False),
    sa.Column('annual_rate', sa.Numeric(precision=7, scale=6), nullable=False),
    sa.Column('minimum_fee', sa.Integer(), nullable=False),
    sa.Column('fee', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('issued_at', models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=False),
    sa.Column('key_digest', sa.String(length=64), nullable=True),
    sa.Column('key_ciphertext', sa.Text(), nullable=True),
    sa.Column('key_issued_at', models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('shipping', sa.Enum('AWAITING', 'SHIPPED', name='shipping', native_enum=False, length=20), nullable=True),
    sa.Column('shipped_at', models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_guarantee_contract_application_id_application')),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_guarantee_contract_branch_id_branch')),
    sa.ForeignKeyConstraint(['fee_rate_entry_id'], ['fee_rate_entry.id'], name=op.f('fk_guarantee_contract_fee_rate_entry_id_fee_rate_entry')),
    sa.ForeignKeyConstraint(['guarantee_request_id'], ['guarantee_request.id'], name=op.f('fk_guarantee_contract_guarantee_request_id_guarantee_request')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['user.id'], name=op.f('fk_guarantee_contract_issued_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guarantee_contract')),
    sa.UniqueConstraint('guarantee_request_id', name=op.f('uq_guarantee_contract_guarantee_request_id')),
    sa.UniqueConstraint('number', name=op.f('uq_guarantee_contract_number'))
    )
    with op.batch_alter_table('guarantee_contract', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guarantee_contract_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_guarantee_contract_branch_id'), ['branch_id'], unique=False)

    op.create_table('certificate_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('NEW', 'INCREASE', 'DECREASE', 'EXTENSION', 'CORRECTION', 'UNDO', name='versionkind', native_enum=False, length=20), nullable=False),
    sa.Column('label', sa.String(length=20), nullable=False),
    sa.Column('visible', sa.Boolean(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('fee_difference', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('issued_at', models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contract_id'], ['guarantee_contract.id'], name=op.f('fk_certificate_version_contract_id_guarantee_contract')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['user.id'], name=op.f('fk_certificate_version_issued_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_version')),
    sa.UniqueConstraint('contract_id', 'seq', name=op.f('uq_certificate_version_contract_id'))
    )


def downgrade():
    op.drop_table('certificate_version')
    with op.batch_alter_table('guarantee_contract', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guarantee_contract_branch_id'))
        batch_op.drop_index(batch_op.f('ix_guarantee_contract_application_id'))

    op.drop_table('guarantee_contract')
    op.drop_table('branch_serial')
