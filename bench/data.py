"""The benchmark's data: the demo data, then `scale` applications (nine in ten issued, each
with its contract and certificate version) and 5 × `scale` lookup attempts with their audit
entries (10 × `scale` rows), generated inside the database by INSERT … SELECT over a series
(generate_series on PostgreSQL, a recursive CTE on SQLite): a million applications in minutes.

Every generated row is a copy of a demo row with the columns that tell rows apart overridden,
so the generator follows the models without restating them. Contracts share the demo
contract's key (digest and ciphertext): the key notice and the lookup work on any of them.

A table `bench_fingerprint` records the scale, the migration head and the generator's version:
a database with the same fingerprint is reused as it is.
"""

import secrets
import time

from sqlalchemy import inspect, select, text

from extensions import db

#: Bumped whenever what the generator writes changes: older bench databases are rebuilt.
GENERATOR = 4
#: Work names the applications take in turn, for searches that match many or few.
WORK_NAMES = [
    "大仙市道路改良工事",
    "秋田市橋梁補修工事",
    "横手市下水道管渠工事",
    "湯沢市河川護岸工事",
    "能代市庁舎改修工事",
    "由利本荘市農道整備工事",
    "北秋田市林道開設工事",
]
#: The first serial of the generated contracts counts down from here (demo serials are small).
TOP_SERIAL = 999_999


def fingerprint(scale: int, head: str) -> str:
    return f"scale={scale} head={head} generator={GENERATOR}"


def stored_fingerprint() -> tuple[str, str] | None:
    """(fingerprint, secret) of the database, None when it was never (fully) generated."""
    if not inspect(db.engine).has_table("bench_fingerprint"):
        return None
    row = db.session.execute(text("SELECT fingerprint, secret FROM bench_fingerprint")).first()
    return (row[0], row[1]) if row else None


def keep_fingerprint(value: str, secret: str) -> None:
    db.session.execute(
        text("CREATE TABLE bench_fingerprint (fingerprint VARCHAR(200), secret VARCHAR(64))")
    )
    db.session.execute(
        text("INSERT INTO bench_fingerprint VALUES (:f, :s)"), {"f": value, "s": secret}
    )
    db.session.commit()


def new_secret() -> str:
    return secrets.token_hex(16)


class _Sql:
    """What differs between PostgreSQL and SQLite in the generator's statements."""

    def __init__(self, dialect: str):
        self.postgres = dialect == "postgresql"

    def insert(self, table: str, columns: list[str], select_list: str, rest: str, n: int) -> str:
        names = ", ".join(columns)
        if self.postgres:
            return (
                f"INSERT INTO {table} ({names}) SELECT {select_list} "
                f"FROM generate_series(1, {n}) AS s(i) {rest}"
            )
        return (
            f"INSERT INTO {table} ({names}) WITH RECURSIVE s(i) AS "
            f"(SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) "
            f"SELECT {select_list} FROM s {rest}"
        )

    def moment(self, start: str, seconds: str) -> str:
        """A UTC timestamp `seconds` (an SQL expression) after `start` ('YYYY-MM-DD HH:MM:SS')."""
        if self.postgres:
            return f"(TIMESTAMPTZ '{start}+00' + ({seconds}) * INTERVAL '1 second')"
        return (
            f"(strftime('%Y-%m-%d %H:%M:%f', '{start}', '+' || ({seconds}) || ' seconds') || '000')"
        )

    def padded(self, number: str, width: int) -> str:
        if self.postgres:
            return f"lpad(CAST({number} AS TEXT), {width}, '0')"
        return f"printf('%0{width}d', {number})"


def _copy(sql: _Sql, table: str, template_id: int, overrides: dict, n: int, where="") -> None:
    """Insert copies of row `template_id` of `table`, one per i in 1..n (where `where`)."""
    columns = [c["name"] for c in inspect(db.engine).get_columns(table)]
    select_list = ", ".join(overrides.get(c, f"t.{c}") for c in columns)
    rest = f"JOIN {table} AS t ON t.id = {int(template_id)} " + (f"WHERE {where}" if where else "")
    db.session.execute(text(sql.insert(table, columns, select_list, rest, n)))


def generate(scale: int, progress=print) -> None:
    """Add `scale` applications with contracts (nine in ten), audit entries and attempts."""
    from models import (
        Application,
        ApplicationStatus,
        Branch,
        CertificateVersion,
        ContractStatus,
        GuaranteeContract,
        GuaranteeRequest,
        User,
    )

    sql = _Sql(db.engine.dialect.name)
    contract = db.session.scalar(
        select(GuaranteeContract)
        .where(
            GuaranteeContract.key_ciphertext.is_not(None),
            GuaranteeContract.status == ContractStatus.ACTIVE,
        )
        .order_by(GuaranteeContract.id)
    )
    version = db.session.scalar(
        select(CertificateVersion)
        .where(CertificateVersion.contract_id == contract.id)
        .order_by(CertificateVersion.seq)
    )
    application = contract.application
    branch = db.session.scalar(select(Branch).where(Branch.id == contract.branch_id))
    verifier = db.session.scalar(select(User).where(User.login_id == "verifier"))

    def top(model) -> int:
        return db.session.scalar(select(db.func.max(model.id))) or 0

    app0, req0, con0, ver0 = (
        top(Application),
        top(GuaranteeRequest),
        top(GuaranteeContract),
        top(CertificateVersion),
    )
    names = "CASE s.i % {n} {whens} END".format(
        n=len(WORK_NAMES),
        whens=" ".join(f"WHEN {k} THEN '{name}'" for k, name in enumerate(WORK_NAMES)),
    )
    # Sent one minute apart, the newest last; every tenth is waiting (送信済み), the rest issued.
    moment = sql.moment("2016-04-01 00:00:00", "s.i * 60")
    issued = "s.i % 10 <> 0"
    started = time.monotonic()

    def step(what: str) -> None:
        db.session.commit()
        progress(f"# generated {what} ({time.monotonic() - started:.0f} s)")

    _copy(
        sql,
        "application",
        application.id,
        {
            "id": f"{app0} + s.i",
            "status": f"CASE WHEN {issued} THEN '{ApplicationStatus.ISSUED.name}' "
            f"ELSE '{ApplicationStatus.SUBMITTED.name}' END",
            "form_token": f"'bench-' || {sql.padded('s.i', 9)}",
            "work_name": f"{names} || ' 第' || {sql.padded('s.i', 7)} || '号'",
            "branch_id": str(branch.id),
            "created_at": moment,
            "updated_at": moment,
            "submitted_at": moment,
        },
        scale,
    )
    step(f"{scale} applications")
    request = application.guarantees[0]
    _copy(
        sql,
        "guarantee_request",
        request.id,
        {"id": f"{req0} + s.i", "application_id": f"{app0} + s.i"},
        scale,
    )
    step(f"{scale} guarantee requests")
    # Serial: counts down from TOP_SERIAL over the issued ones (i minus the waiting before it).
    serial = f"{TOP_SERIAL} - (s.i - s.i / 10)"
    _copy(
        sql,
        "guarantee_contract",
        contract.id,
        {
            "id": f"{con0} + s.i",
            "number": f"'{branch.code}-' || {sql.padded(serial, 6)}",
            "application_id": f"{app0} + s.i",
            "guarantee_request_id": f"{req0} + s.i",
            "branch_id": str(branch.id),
            "issued_at": moment,
            "lock_lifted_at": "NULL",
            "revision": "1",
        },
        scale,
        issued,
    )
    step("contracts")
    _copy(
        sql,
        "certificate_version",
        version.id,
        {"id": f"{ver0} + s.i", "contract_id": f"{con0} + s.i", "seq": "1", "issued_at": moment},
        scale,
        issued,
    )
    step("certificate versions")
    # Past lookups by the demo verifier of the generated contracts, all before the bench's day,
    # each with its audit entry: on SQLite the trigger lookup_attempt_audit writes them; on
    # PostgreSQL (a PL/pgSQL call per row is slow) one INSERT … SELECT writes the same rows.
    first_attempt = top_of("lookup_attempt")
    if sql.postgres:
        db.session.execute(text("ALTER TABLE lookup_attempt DISABLE TRIGGER lookup_attempt_audit"))
    columns = ["id", "at", "user_id", "orderer_id", "contract_id", "number", "address", "outcome"]
    db.session.execute(
        text(
            sql.insert(
                "lookup_attempt",
                columns,
                f"{first_attempt} + s.i, {sql.moment('2016-04-01 00:00:00', 's.i * 12')}, "
                f"{verifier.id}, {verifier.orderer_id}, "
                f"{con0} + 1 + (s.i % {max(scale // 10, 1)}) * 10, 'bench', '127.0.0.1', 'OPENED'",
                "",
                5 * scale,
            )
        )
    )
    if sql.postgres:
        db.session.execute(text("ALTER TABLE lookup_attempt ENABLE TRIGGER lookup_attempt_audit"))
        db.session.execute(
            text(
                "INSERT INTO audit_entry (at, user_id, action, subject_type, subject_id, detail) "
                "SELECT at, user_id, 'certificate.lookup_opened', 'LookupAttempt', id, number "
                "FROM lookup_attempt WHERE id > :first ORDER BY id"
            ),
            {"first": first_attempt},
        )
    step(f"{5 * scale} lookup attempts and their audit entries")
    if sql.postgres:
        for table, column in (
            ("application", "id"),
            ("guarantee_request", "id"),
            ("guarantee_contract", "id"),
            ("certificate_version", "id"),
            ("audit_entry", "id"),
            ("lookup_attempt", "id"),
        ):
            db.session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                    f"(SELECT max({column}) FROM {table}))"
                )
            )
        db.session.execute(text("ANALYZE"))
    step("statistics")


def top_of(table: str) -> int:
    return db.session.execute(text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar()
