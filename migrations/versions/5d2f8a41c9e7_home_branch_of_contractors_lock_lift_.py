"""Home branch of contractors; lock lifting and per-user lookup limits

Revision ID: 5d2f8a41c9e7
Revises: 69a50bdd907d
Create Date: 2026-11-27 18:20:00.000000

"""
from alembic import op
import sqlalchemy as sa

import models.types


# revision identifiers, used by Alembic.
revision = '5d2f8a41c9e7'
down_revision = '69a50bdd907d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('contractor', schema=None) as batch_op:
        batch_op.add_column(sa.Column('home_branch_id', sa.Integer(), nullable=True))
    _fill_home_branches()
    with op.batch_alter_table('contractor', schema=None) as batch_op:
        batch_op.alter_column('home_branch_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_contractor_home_branch_id'), ['home_branch_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_contractor_home_branch_id_branch'), 'branch', ['home_branch_id'], ['id'])

    with op.batch_alter_table('guarantee_contract', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lock_lifted_at', models.types.UTCDateTime(timezone=True), nullable=True))

    with op.batch_alter_table('lookup_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_lookup_attempt_user_at', ['user_id', 'at'], unique=False)
        batch_op.create_index('ix_lookup_attempt_orderer_at', ['orderer_id', 'at'], unique=False)


def _fill_home_branches():
    """The one branch a company dealt with (its applications, the approval of its 利用申込);
    head office where it dealt with several or none."""
    connection = op.get_bind()
    head_office = connection.execute(sa.text(
        "SELECT id FROM branch ORDER BY is_head_office DESC, id LIMIT 1"
    )).scalar()
    dealt_with = connection.execute(sa.text(
        "SELECT contractor_id, branch_id FROM application "
        "WHERE contractor_id IS NOT NULL AND branch_id IS NOT NULL "
        "UNION SELECT contractor_id, branch_id FROM account_request "
        "WHERE contractor_id IS NOT NULL AND status = 'APPROVED'"
    )).all()
    branches = {}
    for contractor_id, branch_id in dealt_with:
        branches.setdefault(contractor_id, set()).add(branch_id)
    for (contractor_id,) in connection.execute(sa.text("SELECT id FROM contractor")).all():
        found = branches.get(contractor_id, set())
        home = next(iter(found)) if len(found) == 1 else head_office
        connection.execute(
            sa.text("UPDATE contractor SET home_branch_id = :home WHERE id = :id"),
            {"home": home, "id": contractor_id},
        )


def downgrade():
    with op.batch_alter_table('lookup_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_lookup_attempt_orderer_at')
        batch_op.drop_index('ix_lookup_attempt_user_at')

    with op.batch_alter_table('guarantee_contract', schema=None) as batch_op:
        batch_op.drop_column('lock_lifted_at')

    with op.batch_alter_table('contractor', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_contractor_home_branch_id_branch'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_contractor_home_branch_id'))
        batch_op.drop_column('home_branch_id')
