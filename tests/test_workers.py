"""Several gunicorn workers on one PostgreSQL and one Redis: no state lives in a worker.

Two workers serve real HTTP; contract numbers, the once-only issuance and the login throttle
must hold across them. PostgreSQL only (set TEST_DATABASE_URL); Redis on 127.0.0.1:6379.
"""

import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from sqlalchemy import select

from extensions import db
from models import ApplicationStatus, GuaranteeContract
from operations.keys import reveal_key
from tests.builders import electronic_contract, make_application
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]
REDIS = "redis://127.0.0.1:6379/15"


class Browser:
    """One person's cookies against the served app, posting forms with their CSRF token."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.token = ""

    def get(self, path: str) -> tuple[int, str]:
        status, text = self._open(urllib.request.Request(self.base + path))
        if found := re.search(r'"X-CSRFToken": "([^"]+)"', text):
            self.token = found.group(1)
        return status, text

    def post(self, path: str, data: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode({"csrf_token": self.token, **data}).encode()
        return self._open(urllib.request.Request(self.base + path, data=body))

    def log_in(self, login_id: str, password: str = "esurety-demo") -> int:
        self.get("/login")
        return self.post("/login", {"login_id": login_id, "password": password})[0]

    def _open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


@pytest.fixture
def served(app, world):
    """The app under gunicorn with two workers, on the test's PostgreSQL and on Redis."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith("postgresql"):
        pytest.skip("several workers share PostgreSQL (set TEST_DATABASE_URL)")
    subprocess.run(["redis-cli", "-n", "15", "FLUSHDB"], check=True, capture_output=True)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        # The same secrets as the test's app, so the keys the tests reveal open there too.
        **{
            name: app.config[name]
            for name in (
                "SECRET_KEY",
                "KEY_DIGEST_SECRET",
                "KEY_ENCRYPTION_KEY",
                "CHECK_CODE_SECRET",
            )
        },
        "RATELIMIT_STORAGE_URI": REDIS,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "app:create_app()"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not _answers(base):
        assert time.monotonic() < deadline, "gunicorn did not start"
        time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=30)


def _answers(base: str) -> bool:
    try:
        return Browser(base).get("/health")[0] == 200
    except urllib.error.URLError:
        return False


def _issue(base: str, application_id: int, together: threading.Barrier | None = None) -> int:
    """Open the review page and press 保証を発行する (all at once, with `together`)."""
    branch = Browser(base)
    assert branch.log_in("branch") == 200  # followed to the queue
    page = branch.get(f"/branch/applications/{application_id}")[1]
    revision = re.search(r'name="revision" value="(\d+)"', page).group(1)
    if together is not None:
        together.wait(timeout=30)  # both pages are open before either presses the button
    return branch.post(
        f"/branch/applications/{application_id}/issue", {"revision": revision, "confirmed": "yes"}
    )[0]


def test_numbers_stay_unique_and_consecutive_across_workers(served):
    ids = [make_application(status=ApplicationStatus.SUBMITTED).id for _ in range(4)]
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda application_id: _issue(served, application_id), ids))
    assert statuses == [200] * 4  # each followed its redirect back to the review page
    numbers = sorted(db.session.scalars(select(GuaranteeContract.number)))
    serials = [int(number.split("-")[1]) for number in numbers]
    assert len(set(numbers)) == len(numbers) == 2 * 4 + 2  # and the demo's issued pair
    assert serials == list(range(serials[0], serials[0] + len(serials)))


def test_one_application_issued_from_two_workers_at_once_is_issued_once(served):
    application_id = make_application(status=ApplicationStatus.SUBMITTED).id
    together = threading.Barrier(2)
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda _: _issue(served, application_id, together), range(2)))
    contracts = db.session.scalars(
        select(GuaranteeContract).where(GuaranteeContract.application_id == application_id)
    ).all()
    assert len(contracts) == 2  # 前払金保証 and 契約保証, once


def test_the_login_throttle_holds_across_workers(served):
    people = [Browser(served) for _ in range(5)]
    for attempt in range(10):
        assert people[attempt % 5].log_in("applicant", "wrong") == 200
    assert Browser(served).log_in("applicant") == 429


def test_the_lockout_of_a_contract_holds_across_workers(app, served):
    contract = electronic_contract()
    with app.test_request_context():
        number, key = contract.number, reveal_key(contract)
    people = [Browser(served) for _ in range(5)]  # five sessions, spread over the workers
    for person in people:
        person.log_in("verifier")
    for person in people:
        person.get("/verifier/")
        status, page = person.post("/verifier/", {"number": number, "key": "WRNGKEYWRNGK"})
        assert status == 422
    fresh = Browser(served)
    fresh.log_in("verifier")
    fresh.get("/verifier/")
    status, page = fresh.post("/verifier/", {"number": number, "key": key})
    assert status == 422 and "一時的に停止しています" in page


def _verifier(base: str, login_id: str) -> Browser:
    """A logged-in orderer's clerk; each request of theirs may reach either worker."""
    person = Browser(base)
    person.log_in(login_id)
    person.get("/verifier/")
    return person


def test_another_orderers_wrong_keys_never_lock_a_contract_across_workers(app, served):
    contract = electronic_contract()
    with app.test_request_context():
        number, key = contract.number, reveal_key(contract)
    akita = [_verifier(served, "verifier2") for _ in range(2)]  # 秋田県, two sessions
    with ThreadPoolExecutor(4) as pool:  # ten wrong keys for 大仙市's contract, at once
        answers = list(
            pool.map(
                lambda n: akita[n % 2].post(
                    "/verifier/", {"number": number, "key": "WRNGKEYWRNGK"}
                ),
                range(10),
            )
        )
    assert {status for status, _ in answers} == {422}
    assert all("保証契約番号または認証キーが正しくないか" in page for _, page in answers)
    daisen = _verifier(served, "verifier")
    status, page = daisen.post("/verifier/", {"number": number, "key": key})
    assert status == 200 and number in page  # 大仙市 opens it (followed to the certificate)
    for _ in range(5):  # 大仙市's own five wrong keys do lock it
        assert daisen.post("/verifier/", {"number": number, "key": "WRNGKEYWRNGK"})[0] == 422
    status, page = daisen.post("/verifier/", {"number": number, "key": key})
    assert status == 422 and "一時的に停止しています" in page
