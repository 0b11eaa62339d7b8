"""`flask seed-demo`: the demo world once, and the accounts printed."""

from sqlalchemy import func, select

from extensions import db
from models import (
    Application,
    AuditEntry,
    Branch,
    Contractor,
    Orderer,
    Reservation,
    SuretyCompany,
    User,
)

MODELS = (SuretyCompany, Branch, Orderer, Contractor, User, Application, Reservation, AuditEntry)


def _counts() -> dict[str, int]:
    return {
        model.__name__: db.session.scalar(select(func.count()).select_from(model))
        for model in MODELS
    }


def test_seed_demo_creates_the_world_and_prints_the_accounts(runner):
    result = runner.invoke(args=["seed-demo"])

    assert result.exit_code == 0, result.output
    assert "デモデータを登録しました。" in result.output
    assert "esurety-demo" in result.output
    for login_id in ("applicant", "applicant2", "branch", "hq", "verifier", "verifier2"):
        assert f"  {login_id} " in result.output
    assert "verifier-admin" in result.output and "大仙市 管理 大仙（発注者管理者）" in result.output
    admin = db.session.scalar(select(User).where(User.login_id == "verifier-admin"))
    assert admin.is_orderer_admin and admin.orderer.name == "大仙市"
    counts = _counts()
    assert counts["User"] == 7 and counts["Orderer"] == 3 and counts["Branch"] == 2
    # sent, draft, other company, issued, returned, and a 予約 issued and one sent
    assert counts["Application"] == 7 and counts["Reservation"] == 1
    names = set(db.session.scalars(select(Orderer.name)))
    assert names == {"大仙市", "秋田県", "サンプル町"}


def test_seed_demo_twice_changes_nothing(runner):
    runner.invoke(args=["seed-demo"])
    before = _counts()

    again = runner.invoke(args=["seed-demo"])

    assert again.exit_code == 0
    assert "デモデータは登録済みです（変更なし）。" in again.output
    assert "applicant2" in again.output
    assert _counts() == before


def test_the_demo_passwords_work(runner, client, post):
    runner.invoke(args=["seed-demo"])
    response = post("/login", {"login_id": "applicant", "password": "esurety-demo"})
    assert response.status_code == 303
    assert response.location == "/applicant/"
