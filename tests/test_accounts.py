"""A user's own account: password change, first-login change, reset through one-time links."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from clock import now
from extensions import db
from models import AuditEntry, LinkPurpose, OneTimeLink, User
from operations.links import digest, issue_link, request_password_reset
from tests.builders import link_in
from tests.conftest import sign_in

NEW = "mizu-no-oto-2026"


def _user(login_id: str) -> User:
    return db.session.scalar(select(User).where(User.login_id == login_id))


@pytest.fixture
def clock(app):
    """Move the app's clock: `clock.advance(timedelta)`; restored after the test."""

    class Clock:
        offset = timedelta()

        def advance(self, by: timedelta) -> None:
            self.offset += by

    moving = Clock()
    start = now()
    app.config["CLOCK"] = lambda: start + moving.offset
    yield moving
    app.config.pop("CLOCK")


def _reset_link(app, email: str) -> str:
    """Ask for a reset as the page does, and take the link from what would be mailed."""
    with app.test_request_context():
        mails = request_password_reset(email)
        db.session.commit()
    assert len(mails) == 1
    assert mails[0].subject == "【e-Surety 電子保証】パスワード再設定のご案内"
    return link_in(mails[0])


@pytest.mark.rendered_form("account.password")
def test_every_user_can_change_their_password(web):
    web.log_in("branch")
    form = web.form_to(web.get("/account/password"), "")
    form["current_password"], form["new_password"], form["confirm"] = "esurety-demo", NEW, NEW
    response = form.submit(status=303)
    assert response.location.endswith("/branch/")
    assert web.get("/admin/").status_code == 200  # this session carries on
    web.reset()
    assert web.log_in("branch", NEW).request.path == "/branch/"
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "account.password_changed")
    )
    assert entry.user.login_id == "branch" and NEW not in entry.detail


def test_a_password_change_ends_the_users_other_sessions(app, client, login_as, post):
    other = app.test_client()
    sign_in(other, _user("applicant"))
    assert other.get("/applicant/").status_code == 200
    login_as("applicant")
    post(
        "/account/password",
        {"current_password": "esurety-demo", "new_password": NEW, "confirm": NEW},
    )
    assert other.get("/applicant/").status_code == 302


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"current_password": "wrong"}, "current_password", "現在のパスワードが正しくありません。"),
        ({"new_password": "short", "confirm": "short"}, "new_password", "10文字以上"),
        ({"new_password": "password123", "confirm": "password123"}, "new_password", "よく使われる"),
        (
            {"new_password": "applicant-2026", "confirm": "applicant-2026"},
            "new_password",
            "ログインIDを含める",
        ),
        (
            {"new_password": "esurety-demo", "confirm": "esurety-demo"},
            "new_password",
            "現在と同じパスワード",
        ),
        ({"confirm": "something-else"}, "confirm", "確認のためのパスワードが一致しません。"),
        ({"new_password": ""}, "new_password", "新しいパスワードを入力してください。"),
    ],
)
def test_a_refused_password_change_says_why_and_keeps_the_old_one(
    login_as, post, data, field, message
):
    login_as("applicant")
    form = {"current_password": "esurety-demo", "new_password": NEW, "confirm": NEW, **data}
    response = post("/account/password", form)
    assert response.status_code == 422
    assert message in response.text.split(f'id="{field}-errors"')[1].split("</div>")[0]
    assert _user("applicant").check_password("esurety-demo")


def test_anonymous_users_cannot_change_a_password(client, world):
    assert client.get("/account/password").location.startswith("/login")


def _ask_for_a_reset(web, email: str):
    form = web.form_to(web.get("/password/forgot"), "")
    form["email"] = email
    return form.submit(status="*")


@pytest.mark.rendered_form("account.forgot_password")
def test_reset_requests_get_the_same_answer_for_known_and_unknown_addresses(app, web):
    known = _ask_for_a_reset(web, "applicant@demo.example.jp")
    unknown = _ask_for_a_reset(web, "nobody@example.jp")
    assert known.status_code == unknown.status_code == 303
    assert known.location == unknown.location
    assert known.location.endswith("/password/forgot/sent")
    assert "登録されていれば" in known.follow().text
    links = db.session.scalars(select(OneTimeLink)).all()
    assert [link.user.login_id for link in links] == ["applicant"]
    with app.test_request_context():
        assert request_password_reset("nobody@example.jp") == []


@pytest.mark.rendered_form("account.forgot_password")
def test_a_bad_address_is_refused_beside_the_field(web):
    response = _ask_for_a_reset(web, "not an address")
    assert response.status_code == 422
    assert "メールアドレスの形式" in response.text


@pytest.mark.rendered_form("account.follow_link")
def test_a_reset_link_works_once_and_ends_old_sessions(app, web):
    old_session = app.test_client()
    sign_in(old_session, _user("applicant"))
    link = _reset_link(app, "Applicant@demo.example.jp ")
    page = web.get(link)
    assert "applicant" in page.text and page.headers["Referrer-Policy"] == "no-referrer"
    form = web.form_to(page, "")
    form["password"], form["confirm"] = NEW, NEW
    response = form.submit(status=303)
    assert response.location.endswith("/login")
    form["password"], form["confirm"] = "another-one-2026", "another-one-2026"
    again = form.submit(status=404)
    assert "使用済みか、有効期限が切れています" in again.text
    assert web.log_in("applicant", NEW).request.path == "/applicant/"
    assert old_session.get("/applicant/").status_code == 302
    assert _user("applicant").check_password(NEW)


def test_a_weak_password_on_the_link_page_keeps_the_link_usable(app, client, world, post):
    link = _reset_link(app, "applicant@demo.example.jp")
    response = post(link, {"password": "password123", "confirm": "password123"})
    assert response.status_code == 422 and "よく使われる" in response.text
    assert post(link, {"password": NEW, "confirm": NEW}).status_code == 303


def test_an_expired_link_is_refused(app, client, world, post, clock):
    link = _reset_link(app, "applicant@demo.example.jp")
    clock.advance(timedelta(hours=1, seconds=1))
    assert client.get(link).status_code == 404
    assert post(link, {"password": NEW, "confirm": NEW}).status_code == 404
    assert _user("applicant").check_password("esurety-demo")


def test_a_new_link_replaces_the_unused_one(app, client, world):
    first = _reset_link(app, "applicant@demo.example.jp")
    second = _reset_link(app, "applicant@demo.example.jp")
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_a_forged_token_and_a_disabled_users_link_are_refused(app, client, world):
    user = _user("applicant2")
    token = issue_link(user, LinkPurpose.SET_PASSWORD)
    user.is_active = False
    db.session.commit()
    assert client.get(f"/password/link/{token}").status_code == 404
    assert client.get("/password/link/not-a-real-token").status_code == 404


def test_only_the_digest_of_a_token_is_stored(app, world):
    token = issue_link(_user("applicant"), LinkPurpose.RESET_PASSWORD)
    db.session.commit()
    stored = db.session.scalar(select(OneTimeLink))
    assert stored.token_digest == digest(token) and token not in stored.token_digest


def test_a_disabled_account_is_logged_out_at_its_next_request(client, login_as):
    user = login_as("applicant")
    assert client.get("/applicant/").status_code == 200
    user.is_active = False
    db.session.commit()
    assert client.get("/applicant/").status_code == 302
