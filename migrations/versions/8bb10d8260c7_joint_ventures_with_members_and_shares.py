"""Joint ventures (共同企業体) with members and shares

Revision ID: 8bb10d8260c7
Revises: bd3d8882833d
Create Date: 2026-11-24 11:30:46.787893

"""
from alembic import op
import sqlalchemy as sa

import models.types


# revision identifiers, used by Alembic.
revision = '8bb10d8260c7'
down_revision = 'bd3d8882833d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('joint_venture',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('representative_id', sa.Integer(), nullable=False),
    sa.Column('created_at', models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['representative_id'], ['contractor.id'], name=op.f('fk_joint_venture_representative_id_contractor')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_joint_venture')),
    sa.UniqueConstraint('name', name=op.f('uq_joint_venture_name'))
    )
    with op.batch_alter_table('joint_venture', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_joint_venture_representative_id'), ['representative_id'], unique=False)

    op.create_table('joint_venture_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('joint_venture_id', sa.Integer(), nullable=False),
    sa.Column('contractor_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('share', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['contractor_id'], ['contractor.id'], name=op.f('fk_joint_venture_member_contractor_id_contractor')),
    sa.ForeignKeyConstraint(['joint_venture_id'], ['joint_venture.id'], name=op.f('fk_joint_venture_member_joint_venture_id_joint_venture')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_joint_venture_member')),
    sa.UniqueConstraint('joint_venture_id', 'contractor_id', name=op.f('uq_joint_venture_member_joint_venture_id'))
    )


def downgrade():
    op.drop_table('joint_venture_member')
    with op.batch_alter_table('joint_venture', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_joint_venture_representative_id'))

    op.drop_table('joint_venture')
