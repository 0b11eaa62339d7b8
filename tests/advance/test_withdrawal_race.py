"""Two 払出依頼書 prepared at the same moment never overdraw a use or the account.

PostgreSQL only (set TEST_DATABASE_URL): each request runs in a thread with its own connection.
The first holds the deposit row's lock; the second is seen waiting for it, and once the first
commits it finds the amount already reserved and is refused.
"""

import threading
import time
from datetime import date

import pytest
from sqlalchemy import create_engine, func, select, text

from domain.advance_uses import UseCategory, UseRow, WithdrawalRequest
from extensions import db
from models import GuaranteeContract, User, Withdrawal
from operations.errors import DomainError
from operations.use_statements import accept_use_statement, submit_use_statement
from operations.withdrawals import correct_deposit, prepare_withdrawal, record_deposit
from tests.builders import user

REQUEST = WithdrawalRequest("秋田資材株式会社", UseCategory.MATERIALS, 4_000_000, date(2026, 12, 1))


@pytest.fixture
def postgresql(app):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith("postgresql"):
        pytest.skip("row locks are tested on PostgreSQL (set TEST_DATABASE_URL)")
    return url


@pytest.fixture
def account(postgresql, contract):
    """材料費 6,000,000 declared and the whole advance deposited: one request of 4,000,000 fits,
    two do not."""
    rows = [UseRow(UseCategory.MATERIALS, "", 6_000_000), UseRow(UseCategory.LABOUR, "", 3_600_000)]
    accept_use_statement(user("branch"), submit_use_statement(user("applicant"), contract, rows))
    record_deposit(user("applicant"), contract, date(2026, 11, 20), 9_600_000)
    db.session.commit()
    return contract.id


def _waiting_for_a_lock(url: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            waiting = connection.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            ).scalar()
    finally:
        engine.dispose()
    return waiting > 0


def _race(app, url, contract_id, first_request, second_request) -> dict[str, str]:
    """The first request prepared and holding its lock, the second seen waiting, then both
    finish; what each got."""
    first_prepared, first_may_commit = threading.Event(), threading.Event()
    outcomes: dict[str, str] = {}

    def request(name: str, entered: WithdrawalRequest, hold: bool) -> None:
        with app.app_context():
            applicant = db.session.scalar(select(User).where(User.login_id == "applicant"))
            contract = db.session.get(GuaranteeContract, contract_id)
            try:
                prepare_withdrawal(applicant, contract, entered)
                if hold:
                    first_prepared.set()
                    first_may_commit.wait(timeout=30)
                db.session.commit()
                outcomes[name] = "prepared"
            except DomainError as error:
                db.session.rollback()
                outcomes[name] = error.problems.get("amount", error.message)
            finally:
                db.session.remove()

    first = threading.Thread(target=request, args=("first", first_request, True))
    second = threading.Thread(target=request, args=("second", second_request, False))
    first.start()
    assert first_prepared.wait(timeout=30)
    second.start()
    deadline = time.monotonic() + 30
    while not _waiting_for_a_lock(url):  # the second waits on the deposit row
        assert time.monotonic() < deadline, "the second request did not wait for the lock"
        time.sleep(0.05)
    assert "second" not in outcomes
    first_may_commit.set()
    first.join(timeout=30)
    second.join(timeout=30)
    return outcomes


def test_two_requests_at_once_never_exceed_the_use(app, postgresql, account):
    outcomes = _race(app, postgresql, account, REQUEST, REQUEST)
    assert outcomes["first"] == "prepared"
    assert outcomes["second"] == "材料費の残額（2,000,000円）を超えています。"
    total = db.session.scalar(select(func.sum(Withdrawal.amount)))
    assert total == 4_000_000


def test_two_requests_at_once_never_exceed_the_balance(app, postgresql, account):
    correct_deposit(user("branch"), db.session.get(GuaranteeContract, account), date(2026, 11, 20),
                    5_000_000)  # fmt: skip
    db.session.commit()
    materials = WithdrawalRequest(
        "秋田資材株式会社", UseCategory.MATERIALS, 3_000_000, date(2026, 12, 1)
    )
    labour = WithdrawalRequest("大曲労務株式会社", UseCategory.LABOUR, 3_000_000, date(2026, 12, 1))
    outcomes = _race(app, postgresql, account, materials, labour)
    assert outcomes["first"] == "prepared"
    assert outcomes["second"] == "預託金の払出可能額（2,000,000円）を超えています。"
    assert db.session.scalar(select(func.sum(Withdrawal.amount))) == 3_000_000
