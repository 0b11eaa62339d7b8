"""契約保証予約: applications of kind reservation, issued reservations and their serials

Revision ID: c4a8e2d61f03
Revises: a7c3e91f5b20
Create Date: 2026-11-27 21:10:00.000000

The application kind is stored by name in a VARCHAR (native_enum=False, as every enum here),
so PostgreSQL needs no ALTER TYPE: the same statements run on SQLite and PostgreSQL.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4a8e2d61f03"
down_revision = "a7c3e91f5b20"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("application") as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind",
                sa.Enum(
                    "GUARANTEE", "RESERVATION", name="applicationkind", native_enum=False, length=20
                ),
                server_default="GUARANTEE",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("reserved_amount", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("converted_from_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_application_converted_from_id_application"),
            "application",
            ["converted_from_id"],
            ["id"],
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_application_converted_from_id"), ["converted_from_id"]
        )
    op.create_table(
        "reservation_serial",
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "last_serial >= 0 AND last_serial <= 999999",
            name=op.f("ck_reservation_serial_serial_range"),
        ),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_reservation_serial_branch_id_branch")
        ),
        sa.PrimaryKeyConstraint("branch_id", name=op.f("pk_reservation_serial")),
    )
    op.create_table(
        "reservation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("bid_price", sa.BigInteger(), nullable=False),
        sa.Column("fee", sa.BigInteger(), nullable=False),
        sa.Column("tax_rate", sa.Numeric(precision=5, scale=4), nullable=False),
        sa.Column("tax", sa.BigInteger(), nullable=False),
        sa.Column("fee_is_sample", sa.Boolean(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_reservation_application_id_application"),
        ),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_reservation_branch_id_branch")
        ),
        sa.ForeignKeyConstraint(
            ["issued_by_id"], ["user.id"], name=op.f("fk_reservation_issued_by_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reservation")),
        sa.UniqueConstraint("application_id", name=op.f("uq_reservation_application_id")),
        sa.UniqueConstraint("number", name=op.f("uq_reservation_number")),
    )
    with op.batch_alter_table("reservation") as batch_op:
        batch_op.create_index(batch_op.f("ix_reservation_branch_id"), ["branch_id"], unique=False)


def downgrade():
    with op.batch_alter_table("reservation") as batch_op:
        batch_op.drop_index(batch_op.f("ix_reservation_branch_id"))
    op.drop_table("reservation")
    op.drop_table("reservation_serial")
    with op.batch_alter_table("application") as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_application_converted_from_id"), type_="unique")
        batch_op.drop_constraint(
            batch_op.f("fk_application_converted_from_id_application"), type_="foreignkey"
        )
        batch_op.drop_column("converted_from_id")
        batch_op.drop_column("reserved_amount")
        batch_op.drop_column("kind")
