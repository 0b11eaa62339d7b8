"""Fixtures: the app on SQLite (and on PostgreSQL when TEST_DATABASE_URL is set), a client,
a CLI runner, the demo world, and `login_as`."""

import contextlib
import contextvars
import email
import os
import socket
from datetime import UTC, datetime
from email import policy

import pytest
import webtest
from aiosmtpd.controller import Controller
from flask.testing import FlaskClient
from flask_migrate import upgrade
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text
from werkzeug.exceptions import HTTPException

from app import create_app
from config import TestConfig, _database_url
from extensions import db, limiter
from operations.demo import DEMO_PASSWORD, load_demo_data

#: Hypothesis: in CI the same examples every run (derandomize: a red run can be replayed, no
#: flaky green), locally a wider random search (see `examples` in builders.py).
#: HYPOTHESIS_PROFILE picks the profile; .ci/run sets "ci".
_HYPOTHESIS = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
settings.register_profile("ci", derandomize=True, print_blob=True, **_HYPOTHESIS)
settings.register_profile("dev", **_HYPOTHESIS)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def _database_for(backend: str, tmp_path_factory) -> str:
    """A fresh, empty database for the test session on `backend`."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    url = _database_url(os.environ["TEST_DATABASE_URL"])
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


class IsolatedClient(FlaskClient):
    """Runs each request in contexts of its own, as a server does, apart from the test's.

    The test keeps an app context for its database work; a request that shared it would
    also share `g` (the cached CSRF token, the logged-in user) with every other request.
    """

    def open(self, *args, **kwargs):
        kwargs.setdefault("buffered", True)
        response = contextvars.Context().run(super().open, *args, **kwargs)
        db.session.expire_all()  # the test sees what the request committed
        return response


@pytest.fixture(scope="session", params=BACKENDS)
def app(request, tmp_path_factory):
    """The app with its schema built by the migrations, once per backend."""

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = _database_for(request.param, tmp_path_factory)

    app = create_app(Config)
    app.test_client_class = IsolatedClient
    limiter.enabled = False  # the `rate_limits` fixture turns it on for the tests about it
    with app.app_context():
        upgrade(directory=os.path.join(app.root_path, "migrations"))
    yield app


@pytest.fixture(autouse=True)
def _clean_database(request):
    """Every test that uses the app starts from empty tables and an app context."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        yield
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture(autouse=True)
def seal_log(request, tmp_path):
    """Each test that uses the app appends its daily seals to a seal log of its own."""
    if "app" not in request.fixturenames:
        yield None
        return
    app = request.getfixturevalue("app")
    saved = app.config["SEAL_LOG_PATH"]
    app.config["SEAL_LOG_PATH"] = str(tmp_path / "seals.log")
    yield tmp_path / "seals.log"
    app.config["SEAL_LOG_PATH"] = saved


#: 2026-11-25 09:00 in Japan: the demo's sent application starts on 2026-12-01.
NOW = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)


@pytest.fixture
def clock(app):
    """Time stands still at NOW unless the test moves it (set `clock.now`)."""

    class Clock:
        now = NOW

        def __call__(self):
            return self.now

    fixed = Clock()
    app.config["CLOCK"] = fixed
    yield fixed
    app.config.pop("CLOCK", None)


@pytest.fixture
def rate_limits(app):
    """Flask-Limiter on for one test, starting from empty counters."""
    limiter.reset()
    limiter.enabled = True
    yield limiter
    limiter.enabled = False
    limiter.reset()


@pytest.fixture
def client(app):
    return app.test_client()


def _isolated_wsgi(app, posted: set[str]):
    """The app as WSGI, each request in contexts of its own (see IsolatedClient); the
    endpoint of every POST is added to `posted`."""

    def call(environ, start_response):
        if environ["REQUEST_METHOD"] == "POST":
            with contextlib.suppress(HTTPException):  # the app answers 404/405 itself
                posted.add(app.url_map.bind_to_environ(environ).match(method="POST")[0])

        def respond():
            body = app(environ, start_response)
            try:
                return b"".join(body)
            finally:
                getattr(body, "close", lambda: None)()

        content = contextvars.Context().run(respond)
        db.session.expire_all()
        return [content]

    return call


@pytest.fixture
def web(app, world, request):
    """A WebTest browser over the app: pages are parsed and forms filled and submitted as
    rendered (`res.forms[...]["field"] = ...; res.forms[...].submit()`).

    `web.log_in(login_id)` logs in through the login page with the demo password;
    `web.form_to(page, action)` finds the form posting to `action`. A passing
    test marked `rendered_form(*endpoints)` must have posted to each of those endpoints.
    """
    posted: set[str] = set()
    browser = webtest.TestApp(
        _isolated_wsgi(app, posted), extra_environ={"REMOTE_ADDR": "127.0.0.1"}
    )

    def log_in(login_id: str, password: str = DEMO_PASSWORD):
        form = browser.get("/login").forms[0]
        form["login_id"] = login_id
        form["password"] = password
        return form.submit().maybe_follow()

    def form_to(page, action: str):
        """The form of `page` that posts to `action` (for forms without an id)."""
        return next(form for form in page.forms.values() if form.action == action)

    browser.log_in = log_in
    browser.form_to = form_to
    yield browser
    marker = request.node.get_closest_marker("rendered_form")
    if marker and getattr(request.node, "call_passed", False):
        missed = sorted(set(marker.args) - posted)
        assert not missed, f"marked rendered_form but never posted to: {', '.join(missed)}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember whether the test itself passed (the `web` fixture checks its marker then)."""
    report = yield
    if report.when == "call":
        item.call_passed = report.passed
    return report


def pytest_collection_modifyitems(config, items):
    """A rendered_form test drives the form through the `web` fixture."""
    for item in items:
        if item.get_closest_marker("rendered_form") and "web" not in item.fixturenames:
            raise pytest.UsageError(f"{item.nodeid} is marked rendered_form but does not use `web`")


@pytest.fixture
def app_with(app):
    """Another app with some settings changed, on the same database (a restart with a new
    configuration): `app_with(SECRET_KEY="...")`."""
    made = []

    def make(**settings):
        settings.setdefault("SQLALCHEMY_DATABASE_URI", app.config["SQLALCHEMY_DATABASE_URI"])
        other = create_app(type("Changed", (TestConfig,), settings))
        limiter.enabled = False  # init_app switched it back on
        made.append(other)
        return other

    yield make
    for other in made:
        with other.app_context():
            db.engine.dispose()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def world(app):
    """The demo world of `flask seed-demo`: users applicant, applicant2, branch, hq, verifier…"""
    load_demo_data()
    db.session.commit()


def sign_in(client, user) -> None:
    """Give a test client a session of `user`, as a login does (one on the server too)."""
    from operations.sessions import start_session

    token = start_session(user)
    db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["sid"] = token


@pytest.fixture
def login_as(client, world):
    """Log the test client in as a demo user by login ID; returns that user."""
    from sqlalchemy import select

    from models import User

    def login(login_id: str) -> User:
        user = db.session.scalar(select(User).where(User.login_id == login_id))
        sign_in(client, user)
        return user

    return login


#: The demo's issued application: a 前払金保証 and a 契約保証, both 電子保証, for 大仙市.
ISSUED_WORK = "大仙市サンプル地区排水路整備工事"


@pytest.fixture
def contract(world):
    """The demo's issued 前払金保証 (電子保証) of `applicant`'s company for 大仙市 (`verifier`)."""
    from sqlalchemy import select

    from models import Application, GuaranteeContract

    return db.session.scalar(
        select(GuaranteeContract)
        .join(Application)
        .where(Application.work_name == ISSUED_WORK)
        .order_by(GuaranteeContract.id)
    )


@pytest.fixture
def key(app, contract) -> str:
    """The 認証キー of `contract`, as its contractor reads it."""
    from operations.keys import reveal_key

    with app.test_request_context():
        return reveal_key(contract)


@pytest.fixture
def csrf_token(client):
    """A function returning the CSRF token of the client's session (every page carries it)."""
    import re

    def token() -> str:
        page = client.get("/guide").get_data(as_text=True)
        return re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)

    return token


@pytest.fixture
def post(client, csrf_token):
    """POST a form with the session's CSRF token, as a browser would."""

    def send(url: str, data: dict | None = None, **kwargs):
        return client.post(url, data={"csrf_token": csrf_token(), **(data or {})}, **kwargs)

    return send


class _Collector:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_config(app):
    """Point the app's mail settings somewhere for one test, then put them back."""
    keys = ("MAIL_SERVER", "MAIL_PORT", "MAIL_SUPPRESS_SEND")
    saved = {key: app.config.get(key) for key in keys}

    def point_to(port: int) -> None:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_SUPPRESS_SEND=False)

    yield point_to
    app.config.update(saved)


@pytest.fixture
def smtp_server(mail_config):
    """A real SMTP server on loopback; the app sends to it. `.messages` is what arrived."""
    collector = _Collector()
    port = free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    mail_config(port)
    collector.port = port
    yield collector
    controller.stop()
