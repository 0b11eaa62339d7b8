"""Fee schedule kept as a history of rate entries

Revision ID: 06765944e6d3
Revises: a10d222ed16c
Create Date: 2026-11-24 11:30:21.216729

"""
from alembic import op
import sqlalchemy as sa

import models.types


# revision identifiers, used by Alembic.
revision = '06765944e6d3'
down_revision = 'a10d222ed16c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('fee_rate_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('ADVANCE', 'INTERIM', 'CONTRACT', name='guaranteekind', native_enum=False, length=20), nullable=False),
    sa.Column('orderer_category', sa.Enum('NATIONAL', 'PREFECTURE', 'MUNICIPALITY', 'OTHER', name='orderercategory', native_enum=False, length=20), nullable=False),
    sa.Column('annual_rate', sa.Numeric(precision=7, scale=6), nullable=False),
    sa.Column('minimum_fee', sa.Integer(), nullable=False),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('set_at', models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('annual_rate >= 0 AND annual_rate <= 0.1', name=op.f('ck_fee_rate_entry_annual_rate_range')),
    sa.CheckConstraint('minimum_fee >= 0', name=op.f('ck_fee_rate_entry_minimum_fee_not_negative')),
    sa.ForeignKeyConstraint(['replaces_id'], ['fee_rate_entry.id'], name=op.f('fk_fee_rate_entry_replaces_id_fee_rate_entry')),
    sa.ForeignKeyConstraint(['set_by_id'], ['user.id'], name=op.f('fk_fee_rate_entry_set_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_rate_entry')),
    sa.UniqueConstraint('replaces_id', name=op.f('uq_fee_rate_entry_replaces_id'))
    )
    with op.batch_alter_table('fee_rate_entry', schema=None) as batch_op:
        batch_op.create_index('ix_fee_rate_entry_pair', ['kind', 'orderer_category'], unique=False)



def downgrade():
    with op.batch_alter_table('fee_rate_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_fee_rate_entry_pair')

    op.drop_table('fee_rate_entry')
