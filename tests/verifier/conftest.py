"""Fixtures of the orderer's side: the demo's issued 電子保証 and its key, the lookup."""

import pytest
from sqlalchemy import select

from extensions import db
from models import Application, GuaranteeContract
from operations.keys import reveal_key

ISSUED_WORK = "大仙市サンプル地区排水路整備工事"


@pytest.fixture(autouse=True)
def clock(clock):
    """Every verifier test runs at the shared fixed time."""
    return clock


@pytest.fixture
def contract(world) -> GuaranteeContract:
    """The demo's issued 前払金保証 (電子保証) for 大仙市."""
    return db.session.scalar(
        select(GuaranteeContract)
        .join(Application)
        .where(Application.work_name == ISSUED_WORK)
        .order_by(GuaranteeContract.id)
    )


@pytest.fixture
def key(app, contract) -> str:
    with app.test_request_context():
        return reveal_key(contract)


@pytest.fixture
def look_up(post):
    """Type a number and a key on the lookup page, as the verifier does."""
    return lambda number, key: post("/verifier/", {"number": number, "key": key})
