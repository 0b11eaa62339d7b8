"""Head-office administration of branches: codes, contacts, and the code lock."""

import pytest
from sqlalchemy import select

from extensions import db
from models import AuditEntry, Branch
from operations.organisations import branch_code_locked

NEW_BRANCH = {
    "name": "仙台支店",
    "code": "10601",
    "address": "宮城県仙台市サンプル区1番1号",
    "phone": "022-000-0001",
    "fax": "022-000-0002",
    "email": "sendai@surety.example.jp",
}


def _branch(name: str) -> Branch | None:
    return db.session.scalar(select(Branch).where(Branch.name == name))


def test_hq_adds_a_branch_that_customers_can_choose(client, login_as, post):
    login_as("hq")
    assert (
        post("/admin/branches/new", {**NEW_BRANCH, "code": "１０６０１"}).location
        == "/admin/branches"
    )
    branch = _branch("仙台支店")
    assert branch.code == "10601" and branch.company_id == _branch("本店営業部").company_id
    assert "022-000-0001" in client.get("/guide").text
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "branch.added"))
    assert "支店コード: 10601" in entry.detail


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"code": "10501"}, "code", "支店コード 10501 は既に使われています。"),
        ({"code": "1234"}, "code", "半角数字5桁"),
        ({"code": "12a45"}, "code", "半角数字5桁"),
        ({"name": "秋田支店"}, "name", "「秋田支店」は既に登録されています。"),
        ({"phone": ""}, "phone", "電話番号を入力してください。"),
        ({"fax": "ファックス"}, "fax", "数字とハイフン"),
        ({"email": "sendai"}, "email", "メールアドレスの形式"),
    ],
)
def test_bad_branches_are_refused(login_as, post, changes, field, message):
    login_as("hq")
    response = post("/admin/branches/new", {**NEW_BRANCH, **changes})
    assert response.status_code == 422
    assert message in response.text.split(f'id="{field}-errors"')[1].split("</div>")[0]
    assert _branch("仙台支店") is None


def test_a_branch_that_received_an_application_keeps_its_code(client, login_as, post):
    login_as("hq")
    akita = _branch("秋田支店")
    assert branch_code_locked(akita)  # the demo sent applications to it
    page = client.get(f"/admin/branches/{akita.id}/edit").text
    assert "readonly" in page and "変更できません" in page
    response = post(
        f"/admin/branches/{akita.id}/edit", {**NEW_BRANCH, "name": "秋田支店", "code": "10502"}
    )
    assert response.status_code == 422
    assert "この支店コードは申込・保証契約番号で使われているため変更できません。" in response.text
    assert db.session.get(Branch, akita.id).code == "10501"
    contacts = {**NEW_BRANCH, "name": "秋田支店", "code": "10501", "phone": "018-999-9999"}
    assert post(f"/admin/branches/{akita.id}/edit", contacts).status_code == 303
    assert db.session.get(Branch, akita.id).phone == "018-999-9999"


def test_an_unused_branch_code_can_still_be_corrected(login_as, post):
    login_as("hq")
    head = _branch("本店営業部")
    assert not branch_code_locked(head)
    data = {**NEW_BRANCH, "name": "本店営業部", "code": "10002"}
    assert post(f"/admin/branches/{head.id}/edit", data).status_code == 303
    assert db.session.get(Branch, head.id).code == "10002"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "branch.changed"))
    assert "支店コード: 10001 → 10002" in entry.detail


def test_an_unknown_branch_is_404(client, login_as):
    login_as("hq")
    assert client.get("/admin/branches/999999/edit").status_code == 404
