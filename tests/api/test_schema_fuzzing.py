"""Schemathesis against the published OpenAPI document: whatever body arrives, the API
answers without a 500, with a documented status, content type and body."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
#: Bounded and derandomized: the same examples every run, well under a minute.
BOUNDED = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def operation(app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return schema["/api/v1/verifications"]["POST"]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_generated_bodies_get_documented_answers(operation, system_token, mode):
    secret, _ = system_token()
    auth = {"Authorization": f"Bearer {secret}"}
    checks = CHECKS + ([negative_data_rejection] if mode is GenerationMode.NEGATIVE else [])
    seen = set()

    @BOUNDED
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        seen.add(case.call_and_validate(headers=auth, checks=checks).status_code)

    run()
    # Positive bodies reach the lookup (a miss, then the account's stop); negative ones are
    # refused before it.
    assert seen & ({404, 429} if mode is GenerationMode.POSITIVE else {400, 415, 422}), seen


def test_without_a_token_every_body_is_a_documented_401(operation, world):
    @BOUNDED
    @given(case=operation.as_strategy())
    def run(case):
        response = case.call_and_validate(checks=CHECKS)
        assert response.status_code == 401

    run()


def test_the_right_pair_conforms_too(operation, system_token, contract, key):
    secret, _ = system_token()
    case = operation.Case(body={"number": contract.number, "key": key})
    response = case.call_and_validate(headers={"Authorization": f"Bearer {secret}"}, checks=CHECKS)
    assert response.status_code == 200
