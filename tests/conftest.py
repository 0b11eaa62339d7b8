"""Fixtures: the app on SQLite (and on PostgreSQL when TEST_DATABASE_URL is set), a client,
a CLI runner, the demo world, and `login_as`."""

import os

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from app import create_app
from config import TestConfig, _database_url
from extensions import db
from operations.demo import load_demo_data

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


@pytest.fixture(scope="session", params=BACKENDS)
def app(request, tmp_path_factory):
    """The app with its schema built by the migrations, once per backend."""

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = _database_for(request.param, tmp_path_factory)

    app = create_app(Config)
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


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def world(app):
    """The demo world of `flask seed-demo`: users applicant, applicant2, branch, hq, verifier…"""
    load_demo_data()
    db.session.commit()


@pytest.fixture
def login_as(client, world):
    """Log the test client in as a demo user by login ID; returns that user."""
    from sqlalchemy import select

    from models import User

    def login(login_id: str) -> User:
        user = db.session.scalar(select(User).where(User.login_id == login_id))
        with client.session_transaction() as session:
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
        return user

    return login
