"""Registering a 共同企業体 with its representative, members and shares."""

import pytest
from sqlalchemy import func, select

from extensions import db
from models import AuditEntry, Contractor, JointVenture


def _ids() -> dict[str, str]:
    rows = db.session.execute(select(Contractor.name, Contractor.id)).all()
    return {name: str(contractor_id) for name, contractor_id in rows}


def _form(name="大曲・秋田特定建設工事共同企業体", rows=()) -> dict[str, str]:
    data = {"name": name}
    for index, (contractor_id, share) in enumerate(rows):
        data[f"members-{index}-contractor_id"] = contractor_id
        data[f"members-{index}-share"] = share
    return data


def test_branch_staff_register_a_jv_with_its_shares(client, login_as, post):
    login_as("branch")
    ids = _ids()
    rows = [(ids["大曲建設株式会社"], "６０"), (ids["秋田土木工業株式会社"], "40%")]
    response = post("/admin/jvs/new", _form(rows=rows))
    assert response.status_code == 303 and response.location == "/admin/jvs"
    jv = db.session.scalar(select(JointVenture))
    assert jv.representative.name == "大曲建設株式会社"
    assert [(m.contractor.name, m.share) for m in jv.members] == [
        ("大曲建設株式会社", 60),
        ("秋田土木工業株式会社", 40),
    ]
    page = client.get("/admin/jvs").text
    assert (
        "代表者：大曲建設株式会社（60%）" in page and "構成員：秋田土木工業株式会社（40%）" in page
    )
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "joint_venture.added"))
    assert "代表者: 大曲建設株式会社（60%）" in entry.detail


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("A", "60"), ("B", "50")], "出資比率の合計が100%になるようにしてください（現在 110%）。"),
        ([("A", "100")], "代表者と1社以上の構成員"),
        ([("A", "60"), ("A", "40")], "同じ会社を2回以上選ぶことはできません。"),
        ([("A", "60"), ("B", "")], "選んだ会社ごとに、出資比率を数（%）で入力してください。"),
        ([("A", "60"), ("B", "四割")], "出資比率を数（%）で"),
        ([("", ""), ("B", "100")], "1行目に代表者の会社を選んでください。"),
        ([("A", "60"), ("999999", "40")], "構成員1の会社：選択肢が正しくありません。"),
    ],
)
def test_bad_members_are_refused_and_nothing_is_saved(login_as, post, rows, message):
    login_as("branch")
    ids = {"A": _ids()["大曲建設株式会社"], "B": _ids()["秋田土木工業株式会社"], "": ""}
    rows = [(ids.get(key, key), share) for key, share in rows]
    response = post("/admin/jvs/new", _form(rows=rows))
    assert response.status_code == 422
    errors = response.text.split('id="members-errors"')[1].split("</div>")[0]
    assert message in errors and '<p class="error">' in errors
    assert db.session.scalar(select(func.count()).select_from(JointVenture)) == 0


def test_a_jv_name_is_registered_once(login_as, post):
    login_as("branch")
    ids = _ids()
    rows = [(ids["大曲建設株式会社"], "50"), (ids["秋田土木工業株式会社"], "50")]
    assert post("/admin/jvs/new", _form(rows=rows)).status_code == 303
    again = post("/admin/jvs/new", _form(rows=rows))
    assert again.status_code == 422 and "は既に登録されています。" in again.text
