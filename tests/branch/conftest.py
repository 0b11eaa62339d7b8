"""Fixtures of the branch console tests: a fixed clock, demo records by name, a third branch."""

import pytest
from sqlalchemy import select

from extensions import db
from models import Application, Branch, Role, User


@pytest.fixture(autouse=True)
def clock(clock):
    """Every branch test runs at the fixed time of the shared `clock` fixture."""
    return clock


def application_named(work_name: str) -> Application:
    return db.session.scalar(select(Application).where(Application.work_name == work_name))


@pytest.fixture
def sent(world) -> Application:
    """The demo application sent to 秋田支店: 電子保証, advance and contract guarantee."""
    return application_named("市道大曲中央線道路改良工事")


@pytest.fixture
def user(world):
    def find(login_id: str) -> User:
        return db.session.scalar(select(User).where(User.login_id == login_id))

    return find


@pytest.fixture
def foreign(world) -> Application:
    """An application sent to a third branch (青森支店), with its own staff user `aomori`."""
    akita = db.session.scalar(select(Branch).where(Branch.name == "秋田支店"))
    aomori = Branch(
        company=akita.company, name="青森支店", code="10601", address="青森県青森市サンプル町",
        phone="017-000-0001", fax="017-000-0002",
    )  # fmt: skip
    staff = User(login_id="aomori", name="青森 職員", role=Role.BRANCH, branch=aomori)
    staff.set_password("esurety-demo")
    db.session.add_all([aomori, staff])
    application = application_named("県道秋田サンプル線橋梁補修工事")
    application.branch = aomori
    db.session.commit()
    return application
