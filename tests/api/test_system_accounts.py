"""連携システム: the orderer's admin names a system, issues a token shown once, revokes it."""

import re

import pytest
from sqlalchemy import select

from extensions import db
from models import ApiToken, AuditEntry, User
from operations.api_tokens import digest_of


def _issue(web) -> tuple[str, str]:
    """Add a system and issue its token through the pages; (page text, token)."""
    page = web.get("/verifier/staff/systems")
    add = web.form_to(page, "/verifier/staff/systems")
    add["name"] = "契約管理システム"
    page = add.submit(status=303).follow()
    account = db.session.scalar(select(User).where(User.is_system.is_(True)))
    issue = web.form_to(page, f"/verifier/staff/systems/{account.id}/tokens")
    issued = issue.submit()
    secret = re.search(r'<code id="issued-token">([^<]+)</code>', issued.text).group(1)
    return issued, secret


@pytest.mark.rendered_form(
    "orderer_staff.new_system", "orderer_staff.new_token", "orderer_staff.revoke"
)
def test_the_orderers_admin_issues_a_token_shown_once_and_revokes_it(
    web, call, contract, key, clock
):
    web.log_in("verifier-admin")
    staff = web.get("/verifier/staff/")
    assert "/verifier/staff/systems" in staff.text
    issued, secret = _issue(web)
    assert issued.headers["Cache-Control"] == "no-store"
    token = db.session.scalar(select(ApiToken))
    assert token.digest == digest_of(secret) and secret not in token.hint
    assert (token.expires_at - token.created_at).days == 365
    assert secret not in web.get("/verifier/staff/systems").text  # shown once
    assert call(secret, contract.number, key).status_code == 200
    listed = web.get("/verifier/staff/systems")
    web.form_to(listed, f"/verifier/staff/systems/tokens/{token.id}/revoke").submit(status=303)
    assert call(secret, contract.number, key).status_code == 401
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert {"system_account.created", "api_token.issued", "api_token.revoked"} <= set(actions)
    assert not any(secret in d for d in db.session.scalars(select(AuditEntry.detail)))


@pytest.mark.rendered_form("orderer_staff.new_system", "orderer_staff.new_token")
def test_bad_names_and_validities_are_said_beside_the_field(web):
    web.log_in("verifier-admin")
    add = web.form_to(web.get("/verifier/staff/systems"), "/verifier/staff/systems")
    add["name"] = ""
    refused = add.submit(status=422)
    assert "連携システム名を入力してください。" in refused.text
    add = web.form_to(refused, "/verifier/staff/systems")
    add["name"] = "会計システム"
    page = add.submit(status=303).follow()
    account = db.session.scalar(select(User).where(User.is_system.is_(True)))
    issue = web.form_to(page, f"/verifier/staff/systems/{account.id}/tokens")
    issue["days"] = "5000"
    assert "有効期間は1日から" in issue.submit(status=422).text
    assert db.session.scalar(select(ApiToken)) is None


def test_a_system_account_never_logs_in_nor_shows_among_the_staff(web, system_token):
    _, token = system_token()
    account = token.account
    web.log_in("verifier-admin")
    assert account.login_id not in web.get("/verifier/staff/").text
    web.post(
        f"/verifier/staff/{account.id}/active",
        {"active": "0", "csrf_token": _csrf(web)},
        status=404,
    )
    from operations.accounts import authenticate

    assert authenticate(account.login_id, "") is None


def test_another_orderers_token_cannot_be_revoked(client, login_as, post, system_token):
    _, token = system_token("秋田県")
    login_as("verifier-admin")  # 大仙市
    assert post(f"/verifier/staff/systems/tokens/{token.id}/revoke").status_code == 404
    assert (
        post(f"/verifier/staff/systems/{token.account_id}/tokens", {"days": "30"}).status_code
        == 404
    )
    db.session.refresh(token)
    assert token.revoked_at is None


def test_the_guide_shows_a_curl_example_and_the_document(web):
    web.log_in("verifier-admin")
    guide = web.get("/verifier/staff/systems/api")
    assert "curl -X POST" in guide.text and "Authorization: Bearer" in guide.text
    assert "/api/v1/openapi.json" in guide.text


def _csrf(web) -> str:
    page = web.get("/verifier/staff/")
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


@pytest.mark.rendered_form(
    "admin.new_orderer_system", "admin.new_orderer_token", "admin.revoke_orderer_token"
)
def test_head_office_sets_up_a_system_for_an_orderer(web, call, contract, key):
    daisen = contract.application.orderer
    web.log_in("hq")
    orderer_page = web.get(f"/admin/orderers/{daisen.id}")
    systems = orderer_page.click(href=f"/admin/orderers/{daisen.id}/systems")
    add = web.form_to(systems, f"/admin/orderers/{daisen.id}/systems")
    add["name"] = "大仙市契約管理システム"
    listed = add.submit(status=303).follow()
    account = db.session.scalar(select(User).where(User.is_system.is_(True)))
    assert account.orderer_id == daisen.id
    issued = web.form_to(
        listed, f"/admin/orderers/{daisen.id}/systems/{account.id}/tokens"
    ).submit()
    secret = re.search(r'<code id="issued-token">([^<]+)</code>', issued.text).group(1)
    assert call(secret, contract.number, key).status_code == 200
    token = db.session.scalar(select(ApiToken))
    revoke = f"/admin/orderers/{daisen.id}/systems/tokens/{token.id}/revoke"
    web.form_to(web.get(f"/admin/orderers/{daisen.id}/systems"), revoke).submit(status=303)
    assert call(secret, contract.number, key).status_code == 401


def test_head_office_cannot_reach_a_system_through_another_orderer(
    client, login_as, post, system_token
):
    _, token = system_token("大仙市")
    from models import Orderer

    akita = db.session.scalar(select(Orderer).where(Orderer.name == "秋田県"))
    login_as("hq")
    base = f"/admin/orderers/{akita.id}/systems"
    assert post(f"{base}/tokens/{token.id}/revoke").status_code == 404
    assert post(f"{base}/{token.account_id}/tokens", {"days": "30"}).status_code == 404
