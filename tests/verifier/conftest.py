"""Fixtures of the orderer's side: the demo's issued 電子保証 and its key, the lookup."""

import pytest


@pytest.fixture(autouse=True)
def clock(clock):
    """Every verifier test runs at the shared fixed time."""
    return clock


@pytest.fixture
def look_up(post):
    """Type a number and a key on the lookup page, as the verifier does."""
    return lambda number, key: post("/verifier/", {"number": number, "key": key})
