"""Version chain hashes and daily seals (tamper evidence)

Revision ID: ac038807b0a0
Revises: f5f527193761
Create Date: 2026-11-27 19:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

import models.types
from domain.chain import version_hash
from domain.changes import VersionKind


# revision identifiers, used by Alembic.
revision = 'ac038807b0a0'
down_revision = 'f5f527193761'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('daily_seal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('root', sa.String(length=64), nullable=False),
    sa.Column('audit_count', sa.Integer(), nullable=False),
    sa.Column('head_count', sa.Integer(), nullable=False),
    sa.Column('sealed_at', models.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_daily_seal')),
    sa.UniqueConstraint('day', name=op.f('uq_daily_seal_day'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entry_at', ['at'], unique=False)

    with op.batch_alter_table('certificate_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('chain_hash', sa.String(length=64), nullable=True))
    _chain_existing_versions()
    with op.batch_alter_table('certificate_version', schema=None) as batch_op:
        batch_op.alter_column('chain_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index('ix_certificate_version_issued_at', ['issued_at'], unique=False)


def _chain_existing_versions():
    """Hash every existing version in seq order, each chained to the one before it."""
    connection = op.get_bind()
    version = sa.table(
        'certificate_version',
        sa.column('id', sa.Integer()),
        sa.column('contract_id', sa.Integer()),
        sa.column('seq', sa.Integer()),
        sa.column('kind', sa.String()),
        sa.column('label', sa.String()),
        sa.column('snapshot', sa.JSON()),
        sa.column('fee_difference', sa.BigInteger()),
        sa.column('reason', sa.Text()),
        sa.column('issued_at', models.types.UTCDateTime(timezone=True)),
        sa.column('issued_by_id', sa.Integer()),
        sa.column('chain_hash', sa.String()),
    )
    contract = sa.table('guarantee_contract', sa.column('id', sa.Integer()), sa.column('number', sa.String()))
    rows = connection.execute(
        sa.select(version, contract.c.number)
        .join(contract, contract.c.id == version.c.contract_id)
        .order_by(version.c.contract_id, version.c.seq)
    ).mappings().all()
    current, previous = None, None
    for row in rows:
        if row['contract_id'] != current:
            current, previous = row['contract_id'], None
        previous = version_hash(
            contract_number=row['number'],
            seq=row['seq'],
            kind=VersionKind[row['kind']].value,
            label=row['label'],
            issued_at=row['issued_at'],
            fee_difference=row['fee_difference'],
            reason=row['reason'],
            issued_by_id=row['issued_by_id'],
            snapshot=row['snapshot'],
            previous=previous,
        )
        connection.execute(
            version.update().where(version.c.id == row['id']).values(chain_hash=previous)
        )


def downgrade():
    with op.batch_alter_table('certificate_version', schema=None) as batch_op:
        batch_op.drop_index('ix_certificate_version_issued_at')
        batch_op.drop_column('chain_hash')

    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entry_at')

    op.drop_table('daily_seal')
