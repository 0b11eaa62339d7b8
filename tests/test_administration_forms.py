"""The administration forms (利用申込, branches, orderers, verifiers, contractors, JVs, company
users) filled and submitted as rendered. The rules behind each are tested in the area's own
module; these pin that the page's form reaches them."""

import pytest
from sqlalchemy import select

from extensions import db
from models import AccountRequest, Branch, Contractor, JointVenture, Orderer, RequestStatus, User
from tests.test_admin_branches import NEW_BRANCH
from tests.test_admin_orderers import NEW_ORDERER, VERIFIER
from tests.test_contractors import CONTRACTOR, SIGNUP, USER


def _one(model, **where):
    return db.session.scalar(select(model).filter_by(**where))


def _fill(form, values: dict) -> None:
    for name, value in values.items():
        kind = type(form.fields[name][0]).__name__
        form[name] = bool(value) if kind == "Checkbox" else value


def _submit(web, url: str, values: dict, action: str = "", status=303):
    """Open `url`, fill the form posting to `action` ("" for the page itself), submit it."""
    form = web.form_to(web.get(url), action)
    _fill(form, values)
    return form.submit(status=status)


@pytest.mark.rendered_form("account.signup", "admin.approve_request")
def test_a_signup_from_the_page_is_approved_on_its_page(web):
    akita = _one(Branch, name="秋田支店")
    _submit(web, "/signup", {**SIGNUP, "branch_id": str(akita.id)})
    request = _one(AccountRequest, company_name=SIGNUP["company_name"])
    assert request.status is RequestStatus.PENDING
    web.log_in("branch")
    url = f"/admin/requests/{request.id}"
    _submit(web, url, {"login_id": "kyowa-admin"}, f"{url}/approve")
    assert request.status is RequestStatus.APPROVED
    assert _one(User, login_id="kyowa-admin").is_company_admin


@pytest.mark.rendered_form("account.signup", "admin.decline_request")
def test_a_signup_is_declined_with_a_reason_on_its_page(web):
    akita = _one(Branch, name="秋田支店")
    _submit(web, "/signup", {**SIGNUP, "branch_id": str(akita.id)})
    request = _one(AccountRequest, company_name=SIGNUP["company_name"])
    web.log_in("branch")
    url = f"/admin/requests/{request.id}"
    _submit(web, url, {"reason": "営業区域外のため"}, f"{url}/decline")
    assert request.status is RequestStatus.DECLINED


@pytest.mark.rendered_form("admin.new_branch", "admin.edit_branch")
def test_head_office_adds_and_edits_a_branch(web):
    web.log_in("hq")
    _submit(web, "/admin/branches/new", NEW_BRANCH)
    branch = _one(Branch, name="仙台支店")
    assert branch.code == "10601"
    _submit(web, f"/admin/branches/{branch.id}/edit", {"phone": "022-000-0009"})
    assert branch.phone == "022-000-0009"


@pytest.mark.rendered_form(
    "admin.new_orderer",
    "admin.edit_orderer",
    "admin.new_verifier",
    "admin.verifier_active",
    "admin.verifier_admin",
)
def test_head_office_adds_an_orderer_edits_it_and_manages_its_verifiers(web):
    web.log_in("hq")
    _submit(web, "/admin/orderers/new", NEW_ORDERER)
    orderer = _one(Orderer, name="サンプル市")
    assert orderer.accepts_e_advance and not orderer.accepts_e_interim
    _submit(web, f"/admin/orderers/{orderer.id}/edit", {"accepts_e_interim": "y"})
    assert orderer.accepts_e_interim
    url = f"/admin/orderers/{orderer.id}"
    _submit(
        web, f"{url}/verifiers/new", {**VERIFIER, "login_id": "sample-kanri", "orderer_admin": "y"}
    )
    admin = _one(User, login_id="sample-kanri")
    assert admin.orderer_id == orderer.id and admin.is_orderer_admin  # the new orderer's admin
    _submit(web, f"{url}/verifiers/new", VERIFIER)  # they set a password by link
    verifier = _one(User, login_id=VERIFIER["login_id"])
    assert verifier.orderer_id == orderer.id and not verifier.is_orderer_admin
    web.form_to(web.get(url), f"{url}/verifiers/{verifier.id}/admin").submit()
    assert verifier.is_orderer_admin
    web.form_to(web.get(url), f"{url}/verifiers/{verifier.id}/active").submit()
    assert not verifier.is_active


@pytest.mark.rendered_form("admin.new_contractor", "admin.new_member", "admin.member_active")
def test_branch_staff_register_a_company_and_manage_its_users(web):
    web.log_in("branch")
    registration = {k: v for k, v in CONTRACTOR.items() if k != "contact_name"}  # name is asked
    _submit(web, "/admin/contractors/new", registration)
    contractor = _one(Contractor, name=SIGNUP["company_name"])
    url = f"/admin/contractors/{contractor.id}"
    staff_added = {k: v for k, v in USER.items() if k != "password"}  # they set it by link
    _submit(web, f"{url}/users/new", {**staff_added, "login_id": "kyowa-jimu"})
    member = _one(User, login_id="kyowa-jimu")
    assert member.contractor_id == contractor.id and not member.is_company_admin
    web.form_to(web.get(url), f"{url}/users/{member.id}/active").submit()
    assert not member.is_active


@pytest.mark.rendered_form("admin.new_joint_venture")
def test_branch_staff_register_a_joint_venture(web):
    web.log_in("branch")
    ids = {c.name: str(c.id) for c in db.session.scalars(select(Contractor))}
    _submit(
        web,
        "/admin/jvs/new",
        {
            "name": "大曲・秋田特定建設工事共同企業体",
            "members-0-contractor_id": ids["大曲建設株式会社"],
            "members-0-share": "60",
            "members-1-contractor_id": ids["秋田土木工業株式会社"],
            "members-1-share": "40",
        },
    )
    joint_venture = db.session.scalar(select(JointVenture))
    assert [(m.contractor.name, m.share) for m in joint_venture.members] == [
        ("大曲建設株式会社", 60),
        ("秋田土木工業株式会社", 40),
    ]


@pytest.mark.rendered_form("company.new_user", "company.user_active")
def test_a_company_admin_adds_and_disables_a_user(web):
    web.log_in("applicant")
    _submit(web, "/company/users/new", USER)
    user = _one(User, login_id=USER["login_id"])
    assert user.must_change_password and not user.is_company_admin
    web.form_to(web.get("/company/users"), f"/company/users/{user.id}/active").submit()
    assert not user.is_active
