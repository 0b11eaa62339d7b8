"""`make bench` (SQLite) and `make bench DB=postgres`: serve the app under gunicorn and print
one line per figure, `name value target`.

Every throughput is compared with a bare Flask route served the same way in the same run, so
the figures are ratios that hold on a noisy machine. Every measured request must answer as
expected (status, and a text of its body): a run with any other answer prints FAILED for its
figure and `make bench` exits 1 with one `BENCH FAILED` line per measurement.

SQLite: databases in .bench/, gunicorn with 2 workers, limits in memory. PostgreSQL:
BENCH_DATABASE_URL (default the local esurety_bench, and esurety_bench_small beside it for
the small scale), 4 workers, limits on Redis (BENCH_REDIS_URL, default db 9 of the local one).
"""

import argparse
import hashlib
import http.client
import os
import secrets
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from itsdangerous import URLSafeTimedSerializer

from bench.harness import ROOT, exit_status, gunicorn, report, wrk
from config import Config, _database_url

POSTGRES = "postgresql://postgres@127.0.0.1:5432/esurety_bench"
REDIS = "redis://127.0.0.1:6379/9"
#: The scale the lookup is compared against (the issue's "1k").
SMALL = 1_000


def config(url: str, secret: str):
    class Bench(Config):
        SQLALCHEMY_DATABASE_URI = url
        SECRET_KEY = secret

    return Bench


def ensure_database(url: str, scale: int) -> str:
    """The database at `url` holding the demo data and `scale` generated applications, reused
    when its fingerprint (scale, migration head, generator) matches; its session secret."""
    from alembic.script import ScriptDirectory
    from flask_migrate import upgrade
    from sqlalchemy import text

    from app import create_app
    from bench.data import fingerprint, generate, keep_fingerprint, new_secret, stored_fingerprint
    from extensions import db
    from operations.demo import load_demo_data

    _create_postgres_database(url)
    secret = new_secret()
    app = create_app(config(url, secret))
    migrations = str(Path(app.root_path) / "migrations")
    with app.app_context():
        head = ScriptDirectory(migrations).get_current_head()
        wanted = fingerprint(scale, head)
        stored = stored_fingerprint()
        if stored is not None and stored[0] == wanted:
            print(f"# reusing {_shown(url)} ({wanted})", flush=True)
            return stored[1]
        print(f"# generating {_shown(url)} ({wanted})", flush=True)
        started = time.monotonic()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("DROP SCHEMA public CASCADE"))
            db.session.execute(text("CREATE SCHEMA public"))
            db.session.commit()
        else:
            db.session.remove()
            db.engine.dispose()
            Path(db.engine.url.database).unlink(missing_ok=True)
        upgrade(directory=migrations)
        load_demo_data()
        db.session.commit()
        generate(scale)
        keep_fingerprint(wanted, secret)
        report(f"data_generation_{_label(scale)}_s", time.monotonic() - started, "(seconds)")
    return secret


def _create_postgres_database(url: str) -> None:
    if not url.startswith("postgresql"):
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    engine = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
        ).first()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    engine.dispose()


def _shown(url: str) -> str:
    return url.rsplit("@", 1)[-1]


def _label(scale: int) -> str:
    if scale % 1_000_000 == 0:
        return f"{scale // 1_000_000}m"
    return f"{scale // 1_000}k" if scale % 1_000 == 0 else str(scale)


def session_and_token(url: str, secret: str, login_id: str) -> tuple[str, str]:
    """A logged-in user's session cookie and the CSRF token its forms carry."""
    from sqlalchemy import select

    from app import create_app
    from extensions import db
    from models import User
    from operations.sessions import start_session

    app = create_app(config(url, secret))
    with app.app_context():
        user = db.session.scalar(select(User).where(User.login_id == login_id))
        user_id, sid = user.get_id(), start_session(user)
        db.session.commit()
    signer = app.session_interface.get_signing_serializer(app)
    raw = secrets.token_hex(20)
    # Flask-Login's session identifier for wrk's requests (127.0.0.1, no User-Agent): with it
    # the session matches and is not rewritten on every response, as for a real browser.
    identifier = hashlib.sha512(b"b'127.0.0.1'|None").hexdigest()
    session = {
        "_user_id": user_id,
        "_fresh": True,
        "_id": identifier,
        "csrf_token": raw,
        "sid": sid,
    }
    cookie = "session=" + signer.dumps(session)
    token = URLSafeTimedSerializer(secret, salt="wtf-csrf-token").dumps(raw)
    return cookie, token


def facts(url: str, secret: str, scale: int) -> dict:
    """What the measurements address: contract ids and numbers, the key, the applicant's."""
    from sqlalchemy import select

    from app import create_app
    from bench.data import TOP_SERIAL
    from extensions import db
    from models import GuaranteeContract
    from operations.keys import reveal_key

    app = create_app(config(url, secret))
    with app.app_context():
        first = db.session.scalar(
            select(GuaranteeContract)
            .where(GuaranteeContract.key_ciphertext.is_not(None))
            .order_by(GuaranteeContract.id)
        )
        # A generated contract in the middle of them all (serials count down from TOP_SERIAL).
        middle = TOP_SERIAL - scale * 9 // 20
        contract = db.session.scalar(
            select(GuaranteeContract).where(
                GuaranteeContract.number == f"{first.number.split('-')[0]}-{middle:06d}"
            )
        )
        return {
            "key": reveal_key(first),
            "demo_contract": first.id,
            "contract": contract.id,
            "number": contract.number,
        }


def post(base: str, path: str, cookie: str, form: dict) -> tuple[int, str, str]:
    """One POST without following its redirect: (status, Location, the session cookie after)."""
    connection = http.client.HTTPConnection(base.removeprefix("http://"))
    body = urllib.parse.urlencode(form)
    connection.request(
        "POST",
        path,
        body,
        {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    response = connection.getresponse()
    response.read()
    set_cookie = response.getheader("Set-Cookie")
    connection.close()
    return (
        response.status,
        response.getheader("Location", ""),
        set_cookie.split(";")[0] if set_cookie else cookie,
    )


def get_once(url: str, cookie: str) -> bytes:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as response:
        if "/login" in response.url:
            raise RuntimeError(f"{url} answered with the login page: the session is not valid")
        return response.read()


def first_render_ms(url: str, secret: str) -> float:
    """The first render of a key notice in a fresh process (fonts loaded from cold)."""
    code = (
        "from bench.run import render_first_notice; "
        f"print(render_first_notice({url!r}, {secret!r}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return float(output.strip().splitlines()[-1])


def render_first_notice(url: str, secret: str) -> float:
    """Run in a fresh process by first_render_ms: milliseconds of the first notice render."""
    from sqlalchemy import select

    from app import create_app
    from documents.pdf import render_pdf
    from extensions import db
    from models import GuaranteeContract
    from operations.keys import reveal_key

    app = create_app(config(url, secret))
    with app.test_request_context():
        contract = db.session.scalar(
            select(GuaranteeContract).where(GuaranteeContract.key_ciphertext.is_not(None))
        )
        key = reveal_key(contract)
        started = time.perf_counter()
        render_pdf("pdf/key_notice.html", contract=contract, key=key)
        return (time.perf_counter() - started) * 1000


def lookup_pair(base: str, cookie: str, token: str, number: str, key: str, seconds: int):
    """The lookup as the clerk has it: POST number + key, then the certificate page it leads to."""
    form = urllib.parse.urlencode({"csrf_token": token, "number": number, "key": key})
    return wrk(
        f"{base}/verifier/",
        seconds=seconds,
        headers={"Cookie": cookie},
        form=form,
        pair=True,
        expect_body=number,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--scale",
        type=int,
        help="applications generated (default 100,000 on SQLite, 1,000,000 on PostgreSQL)",
    )
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    args = parser.parse_args(argv)
    postgres = args.db == "postgres"
    scale = args.scale or (1_000_000 if postgres else 100_000)
    seconds = args.seconds
    env = {}
    if postgres:
        large_url = _database_url(os.environ.get("BENCH_DATABASE_URL", POSTGRES))
        small_url = large_url.rsplit("?", 1)[0] + "_small"
        workers = 4
        env["RATELIMIT_STORAGE_URI"] = os.environ.get("BENCH_REDIS_URL", REDIS)
    else:
        (ROOT / ".bench").mkdir(exist_ok=True)
        large_url = f"sqlite:///{ROOT / '.bench' / f'bench-{scale}.sqlite3'}"
        small_url = f"sqlite:///{ROOT / '.bench' / f'bench-{SMALL}.sqlite3'}"
        workers = 2
    label = _label(scale)
    print(f"# {args.db}, {scale} applications, gunicorn {workers} workers", flush=True)

    small_secret = ensure_database(small_url, SMALL)
    secret = ensure_database(large_url, scale)
    found = facts(large_url, secret, scale)
    applicant, _ = session_and_token(large_url, secret, "applicant")
    verifier, token = session_and_token(large_url, secret, "verifier")
    branch, _ = session_and_token(large_url, secret, "branch")
    serve = {**env, "BENCH_DATABASE_URL": large_url, "BENCH_SECRET_KEY": secret}
    report("notice_pdf_first_render_ms", first_render_ms(large_url, secret), "(fresh process)")

    with gunicorn(serve, workers=workers) as base:
        bare = wrk(f"{base}/bare", seconds=seconds, expect_body="ok")
        report("bare_rps", bare.requests_per_second, "(reference)", bare)
        rps = bare.requests_per_second or 1

        def ratio(load) -> float:
            return load.requests_per_second / rps

        pair = lookup_pair(base, verifier, token, found["number"], found["key"], seconds)
        report(f"lookup_pair_{label}_vs_bare", ratio(pair), ">=0.1", pair)
        report(f"lookup_pair_{label}_p50_ms", pair.p50_ms, "(latency)", pair)
        report(f"lookup_pair_{label}_p99_ms", pair.p99_ms, "<=50", pair)
        large_pair = pair.requests_per_second

        # The verifier's certificate PDF, opened by a lookup of this session.
        status, location, granted = post(
            base, "/verifier/", verifier, {"csrf_token": token, "number": found["number"],
                                           "key": found["key"]}
        )  # fmt: skip
        if status != 303:
            raise SystemExit(f"BENCH FAILED: the lookup answered {status}, not 303")
        contract_path = urllib.parse.urlsplit(location).path
        pdf_url = f"{base}{contract_path}/versions/1/pdf"
        get_once(pdf_url, granted)  # the first download renders (and keeps it, once stored)
        verifier_pdf = wrk(pdf_url, seconds=seconds, headers={"Cookie": granted},
                           expect_body="%PDF-")  # fmt: skip
        report("verifier_pdf_vs_bare", ratio(verifier_pdf), ">=0.3", verifier_pdf)
        report("verifier_pdf_p95_ms", verifier_pdf.p95_ms, "(latency)", verifier_pdf)

        demo = found["demo_contract"]
        stored_url = f"{base}/applicant/contracts/{demo}/versions/1/certificate.pdf"
        get_once(stored_url, applicant)  # the first download renders and keeps it
        stored = wrk(stored_url, seconds=seconds, headers={"Cookie": applicant},
                     expect_body="%PDF-")  # fmt: skip
        report("stored_pdf_download_vs_bare", ratio(stored), ">=0.3", stored)

        # Latency as one person sees it: one connection per worker, no queueing in front.
        one_each = workers
        notice = wrk(f"{base}/applicant/contracts/{demo}/key-notice.pdf", seconds=seconds,
                     connections=one_each, headers={"Cookie": applicant},
                     expect_body="%PDF-")  # fmt: skip
        report("key_notice_p50_ms", notice.p50_ms, "(latency)", notice)
        report("key_notice_p95_ms", notice.p95_ms, "<=100", notice)

        record = wrk(
            f"{base}{contract_path}/versions/1/record",
            seconds=seconds,
            connections=one_each,
            headers={"Cookie": granted},
            form=urllib.parse.urlencode({"csrf_token": token}),
            pair=True,
            expect_body="%PDF-",
        )
        report("check_record_file_and_download_p50_ms", record.p50_ms, "(latency)", record)
        report("check_record_file_and_download_p95_ms", record.p95_ms, "(no target)", record)

        ratio_url = (
            f"{base}/applicant/form/ratio/advance?contract_price=50%2C000%2C000"
            "&this_year_amount=&advance-amount=20%2C000%2C000&advance-requested=y"
        )
        fragment = wrk(ratio_url, seconds=seconds,
                       headers={"Cookie": applicant, "HX-Request": "true"})  # fmt: skip
        report("ratio_fragment_p50_ms", fragment.p50_ms, "(latency)", fragment)
        report("ratio_fragment_p99_ms", fragment.p99_ms, "(latency)", fragment)

        searches = {
            "": "queue",
            "第0500001号": "search_long",  # 3+ characters: one application of them all
            "大仙": "search_short",  # 2 characters: one in seven
            "12345": "search_number",  # 申込番号
        }
        for term, name in searches.items():
            query = f"?q={urllib.parse.quote(term)}" if term else ""
            load = wrk(f"{base}/branch/{query}", seconds=seconds, connections=one_each,
                       headers={"Cookie": branch}, expect_body="受付一覧")  # fmt: skip
            report(f"branch_{name}_{label}_p95_ms", load.p95_ms, "<=100", load)

    # The lookup on the small database: it must not slow down with the rows.
    small_found = facts(small_url, small_secret, SMALL)
    small_verifier, small_token = session_and_token(small_url, small_secret, "verifier")
    small = {**env, "BENCH_DATABASE_URL": small_url, "BENCH_SECRET_KEY": small_secret}
    with gunicorn(small, workers=workers) as base:
        bare = wrk(f"{base}/bare", seconds=seconds, expect_body="ok")
        pair = lookup_pair(base, small_verifier, small_token, small_found["number"],
                           small_found["key"], seconds)  # fmt: skip
        report("lookup_pair_1k_vs_bare", pair.requests_per_second / (bare.requests_per_second or 1),
               ">=0.1", pair)  # fmt: skip
        report("lookup_pair_1k_p99_ms", pair.p99_ms, "<=50", pair)
    if pair.requests_per_second:
        report(f"lookup_{label}_vs_1k", large_pair / pair.requests_per_second,
               ">=0.83 (within 1.2x)")  # fmt: skip
    return exit_status()


if __name__ == "__main__":
    sys.exit(main())
