"""Decisive buttons (取り下げ, 謝絶, 解約, 認証キー再発行, 発行) say what will happen and need their
confirmation box ticked: a required checkbox the browser enforces without script, checked
again on the server (422, the reason on the page, nothing changed)."""

import re

import pytest

from extensions import db
from models import ApplicationStatus, ContractStatus
from tests.branch.conftest import application_named
from tests.builders import make_application, row_counts

UNTICKED = "実行する前に、内容を確認してチェックを入れてください。"


def _box(html: str, form_id: str) -> str:
    form = re.search(rf'<form id="{form_id}".*?</form>', html, re.S)[0]
    assert 'class="confirm-what"' in form  # says what will happen
    return re.search(r'<input type="checkbox"[^>]*name="confirmed"[^>]*>', form)[0]


def test_the_applicant_withdraws_only_with_the_box_ticked(login_as, client, post):
    login_as("applicant")
    application = make_application(status=ApplicationStatus.SUBMITTED)
    page = client.get(f"/applicant/applications/{application.id}").text
    assert "required" in _box(page, "withdraw")
    before = row_counts()
    url = f"/applicant/applications/{application.id}/withdraw"
    response = post(url, {"revision": str(application.revision)})
    assert response.status_code == 422 and UNTICKED in response.text
    assert row_counts() == before
    db.session.refresh(application)
    assert application.status is ApplicationStatus.SUBMITTED


@pytest.mark.parametrize("action", ["issue", "decline"])
def test_the_branch_issues_or_declines_only_with_the_box_ticked(
    world, login_as, client, post, action
):
    sent = application_named("市道大曲中央線道路改良工事")
    login_as("branch")
    page = client.get(f"/branch/applications/{sent.id}").text
    assert "required" in _box(page, action)
    db.session.refresh(sent)
    status = sent.status
    data = {"revision": sent.revision, "reason": "保証限度額を超えるため"}
    response = post(f"/branch/applications/{sent.id}/{action}", data)
    assert response.status_code == 422 and UNTICKED in response.text
    db.session.refresh(sent)
    assert sent.status is status and not sent.guarantees[0].contract


@pytest.mark.parametrize("action", ["cancel", "reissue-key"])
def test_the_branch_cancels_or_reissues_only_with_the_box_ticked(
    app, login_as, client, post, contract, key, action
):
    from operations.keys import reveal_key

    login_as("branch")
    page = client.get(f"/branch/contracts/{contract.id}").text
    assert "required" in _box(page, action)
    response = post(f"/branch/contracts/{contract.id}/{action}", {"revision": contract.revision})
    assert response.status_code == 422 and UNTICKED in response.text
    db.session.refresh(contract)
    assert contract.status is not ContractStatus.CANCELLED
    with app.test_request_context():
        assert reveal_key(contract) == key


def test_the_review_page_shows_the_application_before_the_decisions(world, login_as, client):
    sent = application_named("市道大曲中央線道路改良工事")
    login_as("branch")
    page = client.get(f"/branch/applications/{sent.id}").text
    assert page.index("市道大曲中央線道路改良工事") < page.index("審査結果")
