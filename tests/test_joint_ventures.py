"""Registering a 共同企業体 with its representative, members and shares."""

import pytest
from sqlalchemy import func, select

from extensions import db
from models import Application, AuditEntry, Contractor, GuaranteeContract, JointVenture


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


# --- An application linked to a registered JV: the representative picks it, members read ---


def _register_jv() -> JointVenture:
    from decimal import Decimal

    from builders import user

    from operations.joint_ventures import register_joint_venture

    ids = {name: int(value) for name, value in _ids().items()}
    jv = register_joint_venture(
        user("branch"),
        "大曲・秋田特定建設工事共同企業体",
        [(ids["大曲建設株式会社"], Decimal(60)), (ids["秋田土木工業株式会社"], Decimal(40))],
    )
    db.session.commit()
    return jv


def _issued_jv_contract(jv: JointVenture):
    from builders import make_application, user

    from models import ApplicationStatus
    from operations.issuance import issue_guarantees

    application = make_application(status=ApplicationStatus.SUBMITTED, joint_venture_id=jv.id)
    contracts = issue_guarantees(user("branch"), application, application.revision)
    db.session.commit()
    return contracts[0]


@pytest.mark.rendered_form("applicant.new_application")
def test_the_representatives_users_pick_the_jv_and_its_name_becomes_the_jv_name(web):
    from builders import application_form

    from models import Application

    jv = _register_jv()
    web.log_in("applicant")
    form = web.get("/applicant/applications/new").forms["application-form"]
    assert [text for _, _, text in form["joint_venture_id"].options][1:] == [jv.name]
    for name, value in application_form(joint_venture_id=str(jv.id)).items():
        if name in form.fields and name not in ("form_token", "revision", "action"):
            form[name] = bool(value) if name.endswith("-requested") else value
    form.submit("action", value="confirm", status=303)
    application = db.session.scalar(
        select(Application).where(Application.joint_venture_id == jv.id)
    )
    assert application.jv_name == jv.name


def test_a_member_cannot_pick_a_jv_it_does_not_represent(web, login_as, post):
    from builders import application_form

    from models import Application

    jv = _register_jv()
    web.log_in("applicant2")
    page = web.get("/applicant/applications/new")
    assert "joint_venture_id" not in page.forms["application-form"].fields
    login_as("applicant2")
    response = post("/applicant/applications/new", application_form(joint_venture_id=str(jv.id)))
    assert response.status_code == 422
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(Application)
            .where(Application.joint_venture_id.is_not(None))
        )
        == 0
    )


def test_a_member_company_sees_the_jvs_contract_and_cannot_change_it(client, login_as, post):
    jv = _register_jv()
    contract = _issued_jv_contract(jv)
    login_as("applicant2")
    listed = client.get("/applicant/contracts").text
    assert contract.number in listed
    page = client.get(f"/applicant/contracts/{contract.id}")
    assert page.status_code == 200
    assert "構成員として閲覧しています" in page.text and 'id="authentication-key"' not in page.text
    assert client.get(f"/applicant/contracts/{contract.id}/versions/1").status_code == 200
    pdf = client.get(f"/applicant/contracts/{contract.id}/versions/1/certificate.pdf")
    assert pdf.status_code == 200
    # Nothing that changes the contract or hands out its key answers a member.
    assert client.get(f"/applicant/contracts/{contract.id}/key-notice.pdf").status_code == 404
    contract.application.orderer.accepts_submission_in_service = True
    db.session.commit()
    assert post(f"/applicant/contracts/{contract.id}/submission").status_code == 404
    assert post(f"/applicant/contracts/{contract.id}/submission/withdraw").status_code == 404
    application_id = contract.application_id
    assert client.get(f"/applicant/applications/{application_id}").status_code == 404
    assert post(f"/applicant/applications/{application_id}/withdraw").status_code == 404
    assert (
        client.get(f"/applicant/applications/{application_id}/fee-statement.pdf").status_code == 404
    )


def test_the_keys_tab_shows_the_key_to_the_representative_and_never_to_a_member(client, login_as):
    from domain.identifiers import key_groups
    from operations.keys import reveal_key

    jv = _register_jv()
    contract = _issued_jv_contract(jv)
    key = key_groups(reveal_key(contract))
    login_as("applicant2")
    for headers in ({}, {"HX-Request": "true"}):
        member = client.get("/applicant/contracts?tab=keys", headers=headers)
        assert contract.number in member.text and "有効（" in member.text
        assert key not in member.text and 'class="key-text"' not in member.text
    login_as("applicant")
    representative = client.get("/applicant/contracts?tab=keys")
    assert key in representative.text
    assert representative.headers["Cache-Control"] == "no-store"


def test_without_a_linked_jv_the_other_company_sees_nothing(client, login_as):
    _register_jv()
    from builders import make_application, user

    from models import ApplicationStatus
    from operations.issuance import issue_guarantees

    application = make_application(status=ApplicationStatus.SUBMITTED, jv_name="手入力JV")
    (contract, *_) = issue_guarantees(user("branch"), application, application.revision)
    db.session.commit()
    login_as("applicant2")
    assert client.get(f"/applicant/contracts/{contract.id}").status_code == 404
    assert contract.number not in client.get("/applicant/contracts").text


@pytest.mark.parametrize("cap", [1000, 0], ids=["few: by ids", "many: by the condition"])
def test_a_member_lists_the_jvs_contracts_with_its_own_whatever_their_number(
    client, login_as, monkeypatch, cap
):
    """The contract list reads a company of few applications by their ids and one of many by
    the condition (blueprints/applicant/routes.py): the same contracts either way."""
    monkeypatch.setattr("blueprints.applicant.routes.COUNT_CAP", cap)
    contract = _issued_jv_contract(_register_jv())
    login_as("applicant2")
    assert contract.number in client.get("/applicant/contracts").text
    login_as("applicant")
    listed = client.get("/applicant/contracts").text
    own = db.session.scalars(
        select(GuaranteeContract.number)
        .join(Application)
        .where(Application.contractor_id == contract.application.contractor_id)
        .order_by(GuaranteeContract.issued_at.desc(), GuaranteeContract.id.desc())
    ).all()
    assert own and [listed.index(number) for number in own] == sorted(
        listed.index(number) for number in own
    )
