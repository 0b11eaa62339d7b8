"""POST /api/v1/verifications from the calling system's side and the attacker's: the lookup
page's answers, lockout and limits, for a bearer token only."""

import logging
from datetime import timedelta

from sqlalchemy import select

from extensions import db
from models import AuditEntry, LookupAttempt, LookupOutcome, VersionConfirmation
from operations.api_tokens import revoke_token
from operations.orderer_staff import set_orderer_active
from operations.verification import NOT_FOUND, Mistyped
from tests.api.conftest import _user

WRONG = "WRNGKEYWRNGK"  # well formed, its check character right: a plain miss
PROBLEM = "application/problem+json"


def test_the_right_number_and_key_give_the_certificates_facts(call, system_token, contract, key):
    secret, _ = system_token()
    response = call(secret, f" {contract.number} ", key)
    assert response.status_code == 200, response.text
    body = response.json
    assert body["number"] == contract.number
    assert body["kind"] == "前払金保証" and body["status"] == "有効" and body["version"] == "新規"
    assert body["certificate"]["work_name"] == contract.application.work_name
    assert body["certificate"]["amount"] == contract.amount
    assert body["issued_at"].endswith("+09:00")  # 電子保証発行日時, in Japan time


def test_the_first_call_stamps_the_issue_time_as_the_orderers(call, system_token, contract, key):
    secret, token = system_token()
    first = call(secret, contract.number, key).json["issued_at"]
    stamp = db.session.scalar(select(VersionConfirmation))
    assert stamp.orderer_id == contract.application.orderer_id
    assert stamp.viewed_by_id == token.account_id and stamp.viewed_by.is_system
    assert call(secret, contract.number, key).json["issued_at"] == first  # stamped once


def test_every_miss_gives_the_one_answer_of_the_page(call, system_token, contract, key):
    own, _ = system_token("大仙市")
    foreign, _ = system_token("秋田県")
    answers = [
        call(own, "99999-999999", key),  # unknown number
        call(own, contract.number, WRONG),  # wrong key
        call(own, "not a number", "x"),  # nonsense
        call(foreign, contract.number, key),  # another orderer's certificate, right key
    ]
    assert {r.status_code for r in answers} == {404}
    assert {r.content_type for r in answers} == {PROBLEM}
    assert {r.text for r in answers} == {answers[0].text}
    assert answers[0].json["detail"] == NOT_FOUND and answers[0].json["title"] == "確認できません"


def test_five_own_wrong_keys_lock_the_contract_as_on_the_page(
    call, system_token, contract, key, client, login_as, post
):
    secret, token = system_token()
    for _ in range(5):
        assert call(secret, contract.number, WRONG).status_code == 404
    locked = call(secret, contract.number, key)
    assert locked.status_code == 423 and locked.content_type == PROBLEM
    assert "一時的に停止しています" in locked.json["detail"]
    # The lock is the contract's: the page's clerk of the same orderer meets it too.
    login_as("verifier")
    page = post("/verifier/", {"number": contract.number, "key": key})
    assert page.status_code == 422 and locked.json["detail"] in page.text
    # Another orderer's system is told nothing of the lock.
    foreign, _ = system_token("秋田県")
    assert call(foreign, contract.number, key).json["detail"] == NOT_FOUND
    attempts = db.session.scalars(
        select(LookupAttempt).where(LookupAttempt.user_id == token.account_id)
    ).all()
    assert [a.outcome for a in attempts] == [LookupOutcome.WRONG_KEY] * 5 + [LookupOutcome.LOCKED]


def test_ten_misses_stop_the_system_account_alone(call, system_token, contract, key, clock):
    secret, _ = system_token()
    other, _ = system_token()
    for _ in range(10):
        assert call(secret, "99999-999999", key).status_code == 404
    stopped = call(secret, contract.number, key)
    assert stopped.status_code == 429 and stopped.content_type == PROBLEM
    assert "しばらく確認を停止しています" in stopped.json["detail"]
    assert stopped.headers["Retry-After"]
    assert call(other, contract.number, key).status_code == 200  # its own limit only
    clock.now += timedelta(minutes=16)
    assert call(secret, contract.number, key).status_code == 200


def test_the_per_minute_limit_counts_for_the_system_account(
    app, call, system_token, contract, key, rate_limits
):
    app.config["LOOKUP_LIMIT_PER_USER"] = "2 per minute"
    try:
        secret, _ = system_token()
        other, _ = system_token()
        assert call(secret, contract.number, key).status_code == 200
        assert call(secret, contract.number, key).status_code == 200
        limited = call(secret, contract.number, key)
        assert limited.status_code == 429 and limited.content_type == PROBLEM
        assert limited.json["title"] == "呼び出しの回数が多すぎます"
        assert call(other, contract.number, key).status_code == 200
    finally:
        app.config["LOOKUP_LIMIT_PER_USER"] = "30 per minute"


def test_no_revoked_expired_or_missing_token_gets_in(app, call, system_token, contract, key, clock):
    revoked, token = system_token()
    with app.test_request_context():
        revoke_token(_user("hq"), token)
        db.session.commit()
    expiring, _ = system_token()
    for response in (
        call(revoked, contract.number, key),
        call(None, contract.number, key),
        call("esk_notatoken", contract.number, key),
        call(expiring[:-1], contract.number, key),
    ):
        assert response.status_code == 401 and response.content_type == PROBLEM
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert response.json["title"] == "認証が必要です"
    assert call(expiring, contract.number, key).status_code == 200
    clock.now += timedelta(days=366)  # a year by default
    assert call(expiring, contract.number, key).status_code == 401
    assert db.session.scalar(select(LookupAttempt).where(LookupAttempt.user_id.is_(None))) is None


def test_a_session_cookie_never_opens_the_api(client, login_as, call, contract, key, csrf_token):
    login_as("verifier")
    token = csrf_token()
    response = client.post(
        "/api/v1/verifications",
        json={"number": contract.number, "key": key},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 401 and response.content_type == PROBLEM
    assert "Set-Cookie" not in response.headers
    assert not db.session.scalars(select(LookupAttempt)).all()


def test_the_token_only_in_the_header(client, system_token, contract, key):
    secret, _ = system_token()
    response = client.post(
        f"/api/v1/verifications?access_token={secret}",
        json={"number": contract.number, "key": key},
    )
    assert response.status_code == 401


def test_bad_bodies_are_problems_with_the_fields_named(client, system_token):
    secret, _ = system_token()
    headers = {"Authorization": f"Bearer {secret}"}
    missing = client.post("/api/v1/verifications", json={"number": ""}, headers=headers)
    assert missing.status_code == 422 and missing.content_type == PROBLEM
    assert set(missing.json["errors"]) == {"number", "key"}
    broken = client.post(
        "/api/v1/verifications", data="{", content_type="application/json", headers=headers
    )
    assert broken.status_code in (400, 415, 422) and broken.content_type == PROBLEM


def test_the_key_is_never_logged_nor_audited(call, system_token, contract, key, caplog):
    secret, _ = system_token()
    with caplog.at_level(logging.DEBUG):
        call(secret, contract.number, key)
        call(secret, contract.number, WRONG)
        call(None, contract.number, key)
    assert key not in caplog.text and WRONG not in caplog.text and secret not in caplog.text
    details = db.session.scalars(select(AuditEntry.detail)).all()
    assert not any(key in d or secret in d for d in details)


def test_the_openapi_document_is_published(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    post = spec["paths"]["/api/v1/verifications"]["post"]
    assert post["security"] == [{"bearerAuth": []}]
    assert {"200", "401", "404", "423", "429"} <= set(post["responses"])


def test_control_characters_are_dropped_as_on_the_pages(call, system_token, contract, key):
    """Found by the schema fuzzing on PostgreSQL: a NUL in the number was a 500."""
    secret, _ = system_token()
    assert call(secret, "1\x00", key).status_code == 404
    assert call(secret, contract.number + "\x00", key).status_code == 200


def test_a_disabled_orderers_token_no_longer_gets_in(app, call, system_token, contract, key):
    secret, token = system_token()
    assert call(secret, contract.number, key).status_code == 200
    with app.test_request_context():
        set_orderer_active(_user("hq"), token.account.orderer, False)
        db.session.commit()
    refused = call(secret, contract.number, key)
    assert refused.status_code == 401 and refused.json["title"] == "認証が必要です"


def test_a_slip_in_the_check_character_is_told_to_the_own_orderer_only(
    call, system_token, contract, key
):
    own, _ = system_token("大仙市")
    foreign, _ = system_token("秋田県")
    slip = ("a" if key[0] != "a" else "b") + key[1:]
    for _ in range(6):  # past the contract's lock of five
        told = call(own, contract.number, slip)
        assert told.status_code == 422 and told.content_type == PROBLEM
        assert told.json["errors"]["key"] == Mistyped().message
    assert call(own, contract.number, key).status_code == 200  # the slips locked nothing
    assert call(foreign, contract.number, slip).json == call(own, "99999-999999", key).json
