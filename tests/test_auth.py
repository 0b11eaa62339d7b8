"""Logging in and out, and the role gates."""

import pytest


@pytest.mark.parametrize(
    ("login_id", "home"),
    [("applicant", "/applicant/"), ("branch", "/branch/"), ("verifier", "/verifier/")],
)
def test_each_role_lands_on_its_own_top_page(client, world, post, login_id, home):
    response = post("/login", {"login_id": login_id, "password": "esurety-demo"})
    assert response.status_code == 303
    assert response.location == home


def test_wrong_password_is_refused_with_a_message_beside_the_field(client, world, post):
    response = post("/login", {"login_id": "applicant", "password": "wrong"})
    assert response.status_code == 200
    assert "ログインIDまたはパスワードが正しくありません。" in response.text
    assert client.get("/applicant/").status_code == 302  # still logged out


def test_unknown_login_id_gets_the_same_answer(world, post):
    response = post("/login", {"login_id": "nobody", "password": "esurety-demo"})
    assert "ログインIDまたはパスワードが正しくありません。" in response.text


def test_empty_fields_say_what_is_missing(world, post):
    response = post("/login", {"login_id": "", "password": ""})
    assert "ログインIDを入力してください。" in response.text
    assert "パスワードを入力してください。" in response.text


def test_login_without_csrf_token_is_refused(client, world):
    response = client.post("/login", data={"login_id": "applicant", "password": "esurety-demo"})
    assert response.status_code == 400
    assert "不正な送信" in response.text


def test_next_goes_back_where_the_user_was_going_but_never_off_site(client, world, post):
    login = {"login_id": "applicant", "password": "esurety-demo"}
    response = post("/login?next=/applicant/applications", login)
    assert response.location == "/applicant/applications"
    client.post("/logout", data={"csrf_token": ""})  # refused: the session stays
    post("/logout")
    response = post("/login?next=//evil.example/", login)
    assert response.location == "/applicant/"


def test_logout_is_shown_on_every_page_and_ends_the_session(client, login_as, post):
    login_as("applicant")
    page = client.get("/applicant/").text
    assert "ログアウト" in page
    assert post("/logout").location == "/login"
    assert client.get("/applicant/").status_code == 302


def test_a_disabled_account_cannot_log_in(world, post):
    from sqlalchemy import update

    from extensions import db
    from models import User

    db.session.execute(update(User).where(User.login_id == "applicant").values(is_active=False))
    db.session.commit()
    response = post("/login", {"login_id": "applicant", "password": "esurety-demo"})
    assert "ログインIDまたはパスワードが正しくありません。" in response.text


def test_another_roles_pages_are_forbidden(client, login_as):
    login_as("verifier")
    assert client.get("/applicant/").status_code == 403


def test_anonymous_users_are_sent_to_login(client, world):
    response = client.get("/applicant/applications")
    assert response.status_code == 302
    assert response.location.startswith("/login?next=")


def test_the_top_page_sends_a_logged_in_verifier_to_the_lookup(client, login_as):
    login_as("verifier")
    assert client.get("/").location == "/verifier/"


def test_ten_failed_logins_for_one_account_throttle_it(client, world, post, rate_limits):
    for _ in range(10):
        assert post("/login", {"login_id": "applicant", "password": "wrong"}).status_code == 200
    refused = post("/login", {"login_id": "applicant", "password": "esurety-demo"})
    assert refused.status_code == 429
    assert "操作の回数が多すぎます" in refused.text
    other = post("/login", {"login_id": "branch", "password": "esurety-demo"})
    assert other.status_code == 303  # another account is not affected


def test_successful_logins_do_not_count_towards_the_throttle(client, world, post, rate_limits):
    for _ in range(12):
        assert (
            post("/login", {"login_id": "applicant", "password": "esurety-demo"}).status_code == 303
        )
        post("/logout")


@pytest.mark.rendered_form("auth.login", "auth.logout")
def test_logging_in_and_out_through_the_rendered_forms(web):
    page = web.log_in("applicant")
    assert page.request.path == "/applicant/"
    assert "ログアウト" in page.text
    web.form_to(page, "/logout").submit().maybe_follow()
    assert web.get("/applicant/").status_code == 302


@pytest.mark.rendered_form("auth.login")
def test_a_wrong_password_in_the_rendered_form_is_refused(web):
    page = web.log_in("applicant", password="wrong-password")
    assert "ログインIDまたはパスワードが正しくありません。" in page.text
    assert web.get("/applicant/").status_code == 302  # still logged out
