"""`make bench`: serve the app under gunicorn (2 workers) and print one line per figure.

Every throughput is compared with a bare Flask route served the same way in the same run,
so the figures are ratios that hold on a noisy machine. Output: `name value target`.
"""

import secrets
import tempfile
import urllib.request
from pathlib import Path

from flask_migrate import upgrade

from bench.data import add_sent_applications
from bench.harness import gunicorn, report, wrk
from config import Config


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
    from sqlalchemy import select

    from app import create_app
    from extensions import db
    from models import User

    class Setup(Config):
        SQLALCHEMY_DATABASE_URI = url
        SECRET_KEY = secret

    app = create_app(Setup)
    with app.app_context():
        user_id = db.session.scalar(select(User).where(User.login_id == login_id)).get_id()
    signer = app.session_interface.get_signing_serializer(app)
    return "session=" + signer.dumps({"_user_id": user_id, "_fresh": True})


def body_size(url: str, cookie: str, headers: dict | None = None) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie, **(headers or {})})
    with urllib.request.urlopen(request) as response:
        return len(response.read())


def main() -> None:
    secret = secrets.token_hex(16)
    with tempfile.TemporaryDirectory() as directory:
        url = prepare_database(Path(directory), secret, applications=100_000)
        cookie = session_cookie(url, secret, "applicant")
        env = {"BENCH_DATABASE_URL": url, "BENCH_SECRET_KEY": secret}
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
            report(
                "ratio_fragment_vs_bare",
                ratio.requests_per_second / bare.requests_per_second,
                "(throughput ratio)",
            )
            fragment = body_size(ratio_url, cookie, {"HX-Request": "true"})
            page = body_size(f"{base}/applicant/applications/new", cookie)
            report("ratio_fragment_bytes_vs_form_page", fragment / page, "<=0.1")
            branch = {"Cookie": session_cookie(url, secret, "branch")}
            # Latency as one person sees it: one connection per worker, no queueing in front.
            queue = wrk(f"{base}/branch/", headers=branch, connections=2)
            report("branch_queue_100k_p95_ms", queue.p95_ms, "<=100")
            search = wrk(f"{base}/branch/?q=%E7%AC%AC99999%E5%8F%B7", headers=branch, connections=2)
            report("branch_queue_100k_search_p95_ms", search.p95_ms, "(search, no target)")


if __name__ == "__main__":
    main()
