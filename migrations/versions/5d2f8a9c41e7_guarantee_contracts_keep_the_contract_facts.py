"""Guarantee contracts keep the contract facts (請負金額, 工期) a change may record

Revision ID: 5d2f8a9c41e7
Revises: d0a02e8b0e7c
Create Date: 2026-11-27 18:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d2f8a9c41e7'
down_revision = 'd0a02e8b0e7c'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('guarantee_contract', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contract_price', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('work_start', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('work_end', sa.Date(), nullable=True))
    # Until now every contract rested on its application's facts.
    op.execute(
        'UPDATE guarantee_contract SET '
        'contract_price = (SELECT contract_price FROM application '
        'WHERE application.id = guarantee_contract.application_id), '
        'work_start = (SELECT work_start FROM application '
        'WHERE application.id = guarantee_contract.application_id), '
        'work_end = (SELECT work_end FROM application '
        'WHERE application.id = guarantee_contract.application_id)'
    )
    with op.batch_alter_table('guarantee_contract', schema=None) as batch_op:
        batch_op.alter_column('contract_price', existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column('work_start', existing_type=sa.Date(), nullable=False)
        batch_op.alter_column('work_end', existing_type=sa.Date(), nullable=False)


def downgrade():
    with op.batch_alter_table('guarantee_contract', schema=None) as batch_op:
        batch_op.drop_column('work_end')
        batch_op.drop_column('work_start')
        batch_op.drop_column('contract_price')
