"""Orderer notices: switches, coverage watch and notices told once

Revision ID: 7fa84d38d813
Revises: b7e3c91d4a20
Create Date: 2026-11-27 18:58:23.471306

"""
from alembic import op
import sqlalchemy as sa

import models.types


# revision identifiers, used by Alembic.
revision = '7fa84d38d813'
down_revision = 'b7e3c91d4a20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notice_opt_out',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('orderer_id', sa.Integer(), nullable=True),
    sa.Column('contractor_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.CheckConstraint('(orderer_id IS NULL) <> (contractor_id IS NULL)', name=op.f('ck_notice_opt_out_one_owner')),
    sa.ForeignKeyConstraint(['contractor_id'], ['contractor.id'], name=op.f('fk_notice_opt_out_contractor_id_contractor')),
    sa.ForeignKeyConstraint(['orderer_id'], ['orderer.id'], name=op.f('fk_notice_opt_out_orderer_id_orderer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_opt_out')),
    sa.UniqueConstraint('contractor_id', 'kind', name=op.f('uq_notice_opt_out_contractor_id')),
    sa.UniqueConstraint('orderer_id', 'kind', name=op.f('uq_notice_opt_out_orderer_id'))
    )
    op.create_table('coverage_watch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('work_end', sa.Date(), nullable=True),
    sa.Column('contract_price', sa.BigInteger(), nullable=True),
    sa.Column('amount_then', sa.BigInteger(), nullable=False),
    sa.Column('kept_by_id', sa.Integer(), nullable=False),
    sa.Column('kept_at', models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['contract_id'], ['guarantee_contract.id'], name=op.f('fk_coverage_watch_contract_id_guarantee_contract')),
    sa.ForeignKeyConstraint(['kept_by_id'], ['user.id'], name=op.f('fk_coverage_watch_kept_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coverage_watch')),
    sa.UniqueConstraint('contract_id', name=op.f('uq_coverage_watch_contract_id'))
    )
    op.create_table('orderer_notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('cause', sa.String(length=40), nullable=False),
    sa.Column('told_at', models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['contract_id'], ['guarantee_contract.id'], name=op.f('fk_orderer_notice_contract_id_guarantee_contract')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orderer_notice')),
    sa.UniqueConstraint('contract_id', 'cause', name=op.f('uq_orderer_notice_contract_id'))
    )


def downgrade():
    op.drop_table('orderer_notice')
    op.drop_table('coverage_watch')
    op.drop_table('notice_opt_out')
