"""Fixtures of the API: system accounts of 大仙市 and 秋田県 with their tokens."""

import pytest
from sqlalchemy import select

from extensions import db
from models import Orderer, User


@pytest.fixture(autouse=True)
def clock(clock):
    """Every API test runs at the shared fixed time."""
    return clock


def _user(login_id: str) -> User:
    return db.session.scalar(select(User).where(User.login_id == login_id))


@pytest.fixture
def system_token(app, world):
    """`system_token("大仙市")`: a token of a new 連携システム of that orderer, made by head
    office, and the account."""
    from operations.api_tokens import add_system_account, issue_token

    def make(orderer_name: str = "大仙市"):
        orderer = db.session.scalar(select(Orderer).where(Orderer.name == orderer_name))
        with app.test_request_context():
            account = add_system_account(_user("hq"), orderer, f"{orderer_name}契約管理システム")
            token, secret = issue_token(_user("hq"), account)
            db.session.commit()
        return secret, token

    return make


@pytest.fixture
def call(client):
    """POST /api/v1/verifications with a bearer token."""

    def send(token: str | None, number: str, key: str, **kwargs):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return client.post(
            "/api/v1/verifications", json={"number": number, "key": key}, headers=headers, **kwargs
        )

    return send
