"""Lookup attempts write their audit entry in the same statement (a trigger)

The lookup used to flush its attempt to learn its id, then insert the audit entry naming it:
two statements per attempt. The database now writes the entry itself, with the same action,
subject and detail as operations.audit.record wrote (the daily seals read them unchanged).

Revision ID: 3e8b5c1d7f42
Revises: c4d8e2f6a1b3
Create Date: 2026-11-27 21:10:00

"""
from alembic import op

revision = '3e8b5c1d7f42'
down_revision = 'c4d8e2f6a1b3'
branch_labels = None
depends_on = None

# What operations.verification.open_certificate recorded for each outcome.
_VALUES = """
    NEW.at,
    NEW.user_id,
    CASE NEW.outcome
        WHEN 'OPENED' THEN 'certificate.lookup_opened'
        WHEN 'LOCKED' THEN 'certificate.lookup_locked'
        WHEN 'SUSPENDED' THEN 'certificate.lookup_suspended'
        WHEN 'MISTYPED' THEN 'certificate.lookup_mistyped'
        ELSE 'certificate.lookup_failed'
    END,
    'LookupAttempt',
    NEW.id,
    CASE NEW.outcome
        WHEN 'OPENED' THEN NEW.number
        WHEN 'WRONG_KEY' THEN '認証キー誤り'
        WHEN 'NOT_FOUND' THEN '該当なし'
        WHEN 'MISTYPED' THEN '認証キー入力誤り（チェック文字）'
        ELSE ''
    END
"""
_INSERT = (
    "INSERT INTO audit_entry (at, user_id, action, subject_type, subject_id, detail) "
    f"VALUES ({_VALUES})"
)


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION lookup_attempt_audit() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {_INSERT}; RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER lookup_attempt_audit AFTER INSERT ON lookup_attempt "
            "FOR EACH ROW EXECUTE FUNCTION lookup_attempt_audit()"
        )
    else:
        op.execute(
            "CREATE TRIGGER lookup_attempt_audit AFTER INSERT ON lookup_attempt "
            f"FOR EACH ROW BEGIN {_INSERT}; END"
        )


def downgrade():
    op.execute("DROP TRIGGER lookup_attempt_audit" + (
        " ON lookup_attempt" if op.get_bind().dialect.name == "postgresql" else ""
    ))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION lookup_attempt_audit()")
