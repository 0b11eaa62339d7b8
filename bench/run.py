"""`make bench`: serve the app under gunicorn (2 workers) and print one line per figure.

Every throughput is compared with a bare Flask route served the same way in the same run,
so the figures are ratios that hold on a noisy machine. Output: `name value target`.
"""

import hashlib
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from flask_migrate import upgrade
from itsdangerous import URLSafeTimedSerializer

from bench.data import add_issued_certificates, add_sent_applications
from bench.harness import gunicorn, report, wrk
from config import Config

#: The 認証キー of every benchmark certificate.
BENCH_KEY = "BenchKey2345"


def prepare_database(directory: Path, secret: str, applications: int = 0) -> str:
    """A fresh SQLite database built by the migrations, with the demo data loaded."""
    from app import create_app
    from extensions import db
    from operations.demo import load_demo_data

    url = f"sqlite:///{directory / 'bench.sqlite3'}"

    class Setup(Config):
        SQLALCHEMY_DATABASE_URI = url
        SECRET_KEY = secret

    app = create_app(Setup)
    with app.app_context():
        upgrade(directory=str(Path(app.root_path) / "migrations"))
        load_demo_data()
        db.session.commit()
        add_sent_applications(applications)
    return url


def session_cookie(url: str, secret: str, login_id: str) -> str:
    """The session cookie of a logged-in user, signed with the server's secret."""
    return session_and_token(url, secret, login_id)[0]


def session_and_token(url: str, secret: str, login_id: str) -> tuple[str, str]:
    """A logged-in user's session cookie and the CSRF token its forms carry."""
    from sqlalchemy import select

    from app import create_app
    from extensions import db
    from models import User
    from operations.sessions import start_session

    class Setup(Config):
        SQLALCHEMY_DATABASE_URI = url
        SECRET_KEY = secret

    app = create_app(Setup)
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


def body_size(url: str, cookie: str, headers: dict | None = None) -> int:
    """The size of a page as its user gets it (refusing to measure a login redirect)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie, **(headers or {})})
    with urllib.request.urlopen(request) as response:
        if "/login" in response.url:
            raise RuntimeError(f"{url} answered with the login page: the session is not valid")
        return len(response.read())


def issue_certificates(url: str, secret: str, count: int) -> list[str]:
    """Add `count` issued 電子保証 opened by BENCH_KEY; their numbers."""
    from app import create_app

    app = create_app(_config(url, secret))
    with app.app_context():
        return add_issued_certificates(count, BENCH_KEY)


def first_render_ms(url: str, secret: str) -> float:
    """The first render of a key notice in a fresh process (fonts loaded from cold)."""
    code = (
        "import time, sys; from bench.run import render_first_notice; "
        f"print(render_first_notice({url!r}, {secret!r}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
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

    app = create_app(_config(url, secret))
    with app.test_request_context():
        contract = db.session.scalar(
            select(GuaranteeContract).where(GuaranteeContract.key_ciphertext.is_not(None))
        )
        key = reveal_key(contract)
        started = time.perf_counter()
        render_pdf("pdf/key_notice.html", contract=contract, key=key)
        return (time.perf_counter() - started) * 1000


def lookup_figures(base: str, url: str, secret: str, number: str, label: str, bare) -> float:
    """The verifier's lookup (number + key checked, attempt and audit written, limits checked)."""
    cookie, token = session_and_token(url, secret, "verifier")
    form = urllib.parse.urlencode({"csrf_token": token, "number": number, "key": BENCH_KEY})
    lookup = wrk(f"{base}/verifier/", headers={"Cookie": cookie}, form=form)
    report(
        f"lookup_{label}_vs_bare", lookup.requests_per_second / bare.requests_per_second, ">=0.15"
    )
    report(f"lookup_{label}_p50_ms", lookup.p50_ms, "(latency)")
    report(f"lookup_{label}_p99_ms", lookup.p99_ms, "<=50")
    return lookup.requests_per_second


def _config(url: str, secret: str):
    class Bench(Config):
        SQLALCHEMY_DATABASE_URI = url
        SECRET_KEY = secret

    return Bench


def main() -> None:
    secret = secrets.token_hex(16)
    with tempfile.TemporaryDirectory() as directory:
        url = prepare_database(Path(directory), secret, applications=100_000)
        numbers = issue_certificates(url, secret, 1_000)
        cookie = session_cookie(url, secret, "applicant")
        env = {"BENCH_DATABASE_URL": url, "BENCH_SECRET_KEY": secret}
        report("notice_pdf_first_render_ms", first_render_ms(url, secret), "(fresh process)")
        with gunicorn(env) as base:
            bare = wrk(f"{base}/bare")
            report("bare_rps", bare.requests_per_second, "(reference)")
            ratio_url = (
                f"{base}/applicant/form/ratio/advance?contract_price=50%2C000%2C000"
                "&this_year_amount=&advance-amount=20%2C000%2C000&advance-requested=y"
            )
            auth = {"Cookie": cookie}
            ratio = wrk(ratio_url, headers={**auth, "HX-Request": "true"})
            report("ratio_fragment_p50_ms", ratio.p50_ms, "(latency)")
            report("ratio_fragment_p99_ms", ratio.p99_ms, "(latency)")
            fragment = body_size(ratio_url, cookie, {"HX-Request": "true"})
            page = body_size(f"{base}/applicant/applications/new", cookie)
            report("ratio_fragment_bytes_vs_form_page", fragment / page, "<=0.1")

            pdf_url = f"{base}/applicant/contracts/1/versions/1/certificate.pdf"
            body_size(pdf_url, cookie)  # the first download renders and keeps it
            stored = wrk(pdf_url, headers=auth)
            report(
                "stored_pdf_download_vs_bare",
                stored.requests_per_second / bare.requests_per_second,
                ">=0.5",
            )

            branch = {"Cookie": session_cookie(url, secret, "branch")}
            # Latency as one person sees it: one connection per worker, no queueing in front.
            queue = wrk(f"{base}/branch/", headers=branch, connections=2)
            report("branch_queue_100k_p95_ms", queue.p95_ms, "<=100")
            search = wrk(f"{base}/branch/?q=%E7%AC%AC99999%E5%8F%B7", headers=branch, connections=2)
            report("branch_queue_100k_search_p95_ms", search.p95_ms, "(search, no target)")

            small = lookup_figures(base, url, secret, numbers[500], "1k", bare)
        numbers += issue_certificates(url, secret, 99_000)
        with gunicorn(env) as base:
            bare = wrk(f"{base}/bare")
            large = lookup_figures(base, url, secret, numbers[50_000], "100k", bare)
        report("lookup_100k_vs_1k", large / small, ">=0.83 (within 1.2x)")


if __name__ == "__main__":
    main()
