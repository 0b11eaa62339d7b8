"""Redis (the rate-limit storage) unreachable: logins still work, the limits are counted in
the process's memory meanwhile with a warning in the log, and /health says so.

The app runs in a process of its own under gunicorn, configured from the environment as in
production, with RATELIMIT_STORAGE_URI pointing where nothing listens.
"""

import os
import subprocess
import sys
import time
import urllib.error

import pytest

from app import create_app
from config import TestConfig
from extensions import limiter
from tests.conftest import free_port
from tests.test_workers import ROOT, Browser

NOTHING_LISTENS = "redis://127.0.0.1:1"


@pytest.fixture
def served_without_redis(app, world, tmp_path):
    """gunicorn (one worker) on the test's database, its rate limits in an absent Redis."""
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": "redis-down-test-secret",
        "RATELIMIT_STORAGE_URI": NOTHING_LISTENS,
    }
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}",
             "app:create_app()"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not _answers(base):
        assert process.poll() is None and time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)
    base_and_log = (base, log)
    yield base_and_log
    process.terminate()
    process.wait(timeout=30)


def _answers(base: str) -> bool:
    try:
        return Browser(base).get("/health")[0] == 200
    except urllib.error.URLError:
        return False


def test_a_login_works_while_redis_is_unreachable_and_health_reports_it(served_without_redis):
    base, log = served_without_redis
    browser = Browser(base)
    browser.get("/login")
    status, page = browser.post("/login", {"login_id": "applicant", "password": "esurety-demo"})
    assert status == 200 and "ログアウト" in page  # followed its redirect to Net Desk
    assert "Rate limit storage unreachable - falling back to in-memory storage" in log.read_text()

    status, text = browser.get("/health")
    assert status == 200
    assert text.splitlines() == [
        "ok",
        "rate-limit storage: unreachable, falling back to in-memory counting",
    ]


def test_health_reports_a_reachable_rate_limit_storage(client):
    lines = client.get("/health").text.splitlines()
    assert lines == ["ok", "rate-limit storage: reachable"]


def test_health_is_503_when_the_database_does_not_answer(app, tmp_path):
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'missing' / 'no.sqlite3'}"

    saved = dict(vars(limiter))  # the limiter is one object shared by every app
    try:
        response = create_app(Config).test_client().get("/health")
    finally:
        vars(limiter).clear()
        vars(limiter).update(saved)
    assert response.status_code == 503
    assert response.text == "database unreachable\n"
