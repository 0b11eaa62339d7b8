"""Orderers name their 保証債権者 (the creditor on the certificate); existing ones get name + 長

Revision ID: d0a02e8b0e7c
Revises: c6ece0c17d6c
Create Date: 2026-11-27 18:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd0a02e8b0e7c'
down_revision = 'c6ece0c17d6c'
branch_labels = None
depends_on = None

orderer = sa.table('orderer', sa.column('name', sa.String), sa.column('creditor_name', sa.String))


def upgrade():
    with op.batch_alter_table('orderer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('creditor_name', sa.String(length=100), nullable=True))
    # Most orderers are municipalities headed by a 市長・町長・村長; head office corrects the rest
    # (a prefecture's is its 知事) on the orderer's page.
    op.execute(orderer.update().values(creditor_name=orderer.c.name + '長'))
    with op.batch_alter_table('orderer', schema=None) as batch_op:
        batch_op.alter_column('creditor_name', existing_type=sa.String(length=100), nullable=False)


def downgrade():
    with op.batch_alter_table('orderer', schema=None) as batch_op:
        batch_op.drop_column('creditor_name')
