"""Login sessions end on the server: at logout (that one only), after an idle time and after
a lifetime; any request, an htmx field check too, keeps a session alive."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from domain.identifiers import key_groups
from extensions import db
from models import User, UserSession
from operations import sessions
from operations.daily_jobs import run_due_daily_jobs
from operations.keys import reveal_key
from tests.conftest import sign_in


def _log_out(page):
    """Press ログアウト (the form in every page's header)."""
    form = next(form for form in page.forms.values() if form.action == "/logout")
    return form.submit()


def _user(login_id: str) -> User:
    return db.session.scalar(select(User).where(User.login_id == login_id))


@pytest.mark.rendered_form("auth.login", "auth.logout")
def test_a_cookie_copied_before_logout_opens_nothing_after_it(app, web, contract):
    with app.test_request_context():
        key = key_groups(reveal_key(contract))  # as the page shows it
    url = f"/applicant/contracts/{contract.id}"
    page = web.log_in("applicant")
    copied = web.cookies["session"]
    assert key in web.get(url).text
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert key in thief.get(url).text  # the copy works while the session lasts

    _log_out(page)
    response = thief.get(url)
    assert response.status_code == 302 and "/login" in response.location
    assert key not in response.text
    assert web.get(url).status_code == 302


@pytest.mark.rendered_form("auth.logout")
def test_logout_ends_only_that_session(app, web, world):
    other = app.test_client()
    sign_in(other, _user("applicant"))
    _log_out(web.log_in("applicant"))
    assert other.get("/applicant/").status_code == 200
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 1


def test_a_session_ends_after_an_hour_without_a_request(client, login_as, clock):
    login_as("applicant")
    for _ in range(3):  # three hours of work, each request within the hour of the last
        clock.now += timedelta(minutes=59)
        assert client.get("/applicant/").status_code == 200
    clock.now += timedelta(minutes=60)
    assert client.get("/applicant/").status_code == 302


def test_a_session_ends_twelve_hours_after_the_login_however_busy(client, login_as, clock):
    login_as("applicant")
    start = clock.now
    while clock.now < start + timedelta(hours=12) - timedelta(minutes=30):
        clock.now += timedelta(minutes=30)
        assert client.get("/applicant/").status_code == 200
    clock.now = start + timedelta(hours=12)
    assert client.get("/applicant/").status_code == 302


def test_the_times_are_settings(app, client, login_as, clock):
    app.config.update(SESSION_IDLE_MINUTES=5, SESSION_LIFETIME_HOURS=1)
    try:
        login_as("applicant")
        clock.now += timedelta(minutes=4)
        assert client.get("/applicant/").status_code == 200
        clock.now += timedelta(minutes=6)
        assert client.get("/applicant/").status_code == 302
    finally:
        app.config.update(SESSION_IDLE_MINUTES=60, SESSION_LIFETIME_HOURS=12)


def test_an_htmx_field_check_keeps_the_session_alive(client, login_as, clock, csrf_token):
    login_as("applicant")
    token = csrf_token()
    for _ in range(2):
        clock.now += timedelta(minutes=50)
        check = client.post(
            "/applicant/form/check",
            data={"csrf_token": token, "contract_price": "abc"},
            headers={"HX-Request": "true", "HX-Trigger-Name": "contract_price"},
        )
        assert check.status_code == 422  # its message, not the login page
    clock.now += timedelta(minutes=50)
    assert client.get("/applicant/").status_code == 200


def test_a_refused_request_still_counts_as_activity(client, login_as, clock, csrf_token):
    login_as("applicant")
    token = csrf_token()
    clock.now += timedelta(minutes=50)
    refused = client.post(
        "/applicant/form/check",
        data={"csrf_token": token},
        headers={"HX-Request": "true", "HX-Trigger-Name": "no-such-field"},
    )
    assert refused.status_code == 400
    clock.now += timedelta(minutes=50)
    assert client.get("/applicant/").status_code == 200


def test_the_idle_time_is_written_at_most_once_a_minute(client, login_as, clock):
    login_as("applicant")
    seen = lambda: db.session.scalar(select(UserSession.last_seen_at))  # noqa: E731
    start = seen()
    clock.now += timedelta(seconds=30)
    client.get("/applicant/")
    assert seen() == start
    clock.now += timedelta(seconds=40)
    client.get("/applicant/")
    assert seen() == clock.now


def test_the_cookie_id_is_not_stored(client, login_as):
    login_as("applicant")
    with client.session_transaction() as session:
        cookie_id = session["sid"]
    stored = db.session.scalar(select(UserSession.token_digest))
    assert cookie_id not in stored and len(stored) == 64


def test_a_password_change_still_ends_every_session(app, client, login_as, post):
    other = app.test_client()
    sign_in(other, _user("applicant"))
    login_as("applicant")
    new = "mizu-no-oto-2026"
    post(
        "/account/password",
        {"current_password": "esurety-demo", "new_password": new, "confirm": new},
    )
    assert client.get("/applicant/").status_code == 200
    assert other.get("/applicant/").status_code == 302


def _newest_session() -> UserSession:
    """The server-side row of the session signed in last."""
    return db.session.scalar(select(UserSession).order_by(UserSession.id.desc()).limit(1))


def test_the_daily_job_deletes_expired_sessions_in_batches_and_keeps_live_ones(
    app, world, clock, monkeypatch
):
    monkeypatch.setattr(sessions, "CLEANUP_BATCH", 2)  # several batches of a few rows
    clients = {name: app.test_client() for name in ("live", "busy", "idle", "old")}
    ages = {  # (since login, since last request)
        "live": (timedelta(hours=11), timedelta(minutes=59)),
        "busy": (timedelta(hours=11, minutes=59), timedelta(0)),
        "idle": (timedelta(hours=2), timedelta(minutes=60)),
        "old": (timedelta(hours=12), timedelta(minutes=1)),  # active, but past its lifetime
    }
    for name, client in clients.items():
        sign_in(client, _user("applicant"))
        row = _newest_session()
        row.started_at, row.last_seen_at = clock.now - ages[name][0], clock.now - ages[name][1]
    for _ in range(5):  # users who never came back
        sign_in(app.test_client(), _user("applicant2"))
        _newest_session().last_seen_at = clock.now - timedelta(days=30)
    db.session.commit()

    assert "expired_sessions" in run_due_daily_jobs()
    db.session.expire_all()
    kept = db.session.scalars(select(UserSession.id).order_by(UserSession.id)).all()
    assert len(kept) == 2
    assert clients["live"].get("/applicant/").status_code == 200
    assert clients["busy"].get("/applicant/").status_code == 200
    for name in ("idle", "old"):  # their cookies open nothing, and their rows are gone
        assert clients[name].get("/applicant/").status_code == 302
    assert run_due_daily_jobs() == []  # once a day
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 2


def test_a_live_session_survives_the_clean_up_and_ends_when_it_expires(app, client, world, clock):
    sign_in(client, _user("applicant"))
    sessions.delete_expired_sessions(clock.now.date())
    assert client.get("/applicant/").status_code == 200
    clock.now += timedelta(minutes=60)
    sessions.delete_expired_sessions(clock.now.date())
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 0
    assert client.get("/applicant/").status_code == 302
