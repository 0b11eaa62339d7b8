"""`make bench-mixed` (DB=postgres too): the mixed workload of bench/locustfile.py, headless,
against the app served as `make bench` serves it; prints `name p50 p95 p99 requests errors`
per page type and the targets (p95 ≤ 150 ms, 0 errors). Exits 1 on any error.

Locust runs from .venv-bench (made by `make bench-mixed` from requirements-bench.txt).
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.harness import ROOT, gunicorn
from bench.run import (
    POSTGRES,
    REDIS,
    _database_url,
    _label,
    ensure_database,
    facts,
    session_and_token,
)

LOCUST = ROOT / ".venv-bench" / "bin" / "locust"
TARGET_P95_MS = 150


def waiting(url: str, secret: str) -> tuple[int, int, int]:
    """The first generated application waiting at the branch, how many there are, a draft."""
    from sqlalchemy import text

    from app import create_app
    from bench.run import config
    from extensions import db

    app = create_app(config(url, secret))
    with app.app_context():
        first, count = db.session.execute(
            text(
                "SELECT min(id), count(*) FROM application WHERE status = 'SUBMITTED' "
                "AND form_token LIKE 'bench-%'"
            )
        ).one()
        draft = db.session.execute(
            text("SELECT min(id) FROM application WHERE status = 'DRAFT'")
        ).scalar()
    return first, count, draft


def _read(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as table:
        return list(csv.DictReader(table))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.mixed", description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", type=int)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args(argv)
    if not LOCUST.exists():
        raise SystemExit(f"{LOCUST} is missing: make bench-mixed makes it")
    postgres = args.db == "postgres"
    scale = args.scale or (1_000_000 if postgres else 100_000)
    env = {}
    if postgres:
        url = _database_url(os.environ.get("BENCH_DATABASE_URL", POSTGRES))
        env["RATELIMIT_STORAGE_URI"] = os.environ.get("BENCH_REDIS_URL", REDIS)
        workers = 4
    else:
        (ROOT / ".bench").mkdir(exist_ok=True)
        url = f"sqlite:///{ROOT / '.bench' / f'bench-{scale}.sqlite3'}"
        workers = 2
    secret = ensure_database(url, scale)
    found = facts(url, secret, scale)
    first, count, draft = waiting(url, secret)
    settings = {
        "BENCH_VERIFIER_COOKIE": session_and_token(url, secret, "verifier")[0],
        "BENCH_APPLICANT_COOKIE": session_and_token(url, secret, "applicant")[0],
        "BENCH_BRANCH_COOKIE": session_and_token(url, secret, "branch")[0],
        "BENCH_NUMBER": found["number"],
        "BENCH_KEY": found["key"],
        "BENCH_DEMO_CONTRACT": str(found["demo_contract"]),
        "BENCH_FIRST_WAITING": str(first),
        "BENCH_WAITING": str(count),
        "BENCH_DRAFT": str(draft),
    }
    serve = {**env, "BENCH_DATABASE_URL": url, "BENCH_SECRET_KEY": secret}
    label = _label(scale)
    print(f"# mixed workload, {args.db}, {scale} applications, {args.users} users", flush=True)
    with tempfile.TemporaryDirectory() as directory, gunicorn(serve, workers=workers) as base:
        prefix = str(Path(directory) / "mixed")
        subprocess.run(
            [
                str(LOCUST), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                "--host", base, "-u", str(args.users), "-r", str(max(1, args.users // 5)),
                "-t", f"{args.seconds}s", "--csv", prefix, "--only-summary",
                "--loglevel", "WARNING",
            ],
            env={**os.environ, **settings},
            check=False,
            capture_output=True,
        )  # fmt: skip
        rows = _read(f"{prefix}_stats.csv")
        failures = _read(f"{prefix}_failures.csv")
    errors = 0
    for row in rows:
        if row["Name"] == "Aggregated":
            continue
        name = "mixed_" + row["Name"].replace(" ", "_").replace("+", "and")
        p50, p95, p99 = (row["50%"], row["95%"], row["99%"])
        failed = int(row["Failure Count"])
        errors += failed
        print(
            f"{name}_{label}_p95_ms {p95} <={TARGET_P95_MS} "
            f"(p50 {p50}, p99 {p99}, {row['Request Count']} requests, {failed} errors)",
            flush=True,
        )
    print(f"mixed_errors {errors} 0", flush=True)
    for failure in failures:
        print(
            f"BENCH FAILED: {failure['Method']} {failure['Name']}: {failure['Error']} "
            f"({failure['Occurrences']}×)",
            file=sys.stderr,
        )
    return 1 if errors or not rows else 0


if __name__ == "__main__":
    sys.exit(main())
