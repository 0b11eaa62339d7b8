"""Administration without a shell: head office adds and disables branch staff, disables an
orderer (its clerks are out, its records stay), and edits a contractor (audited)."""

import pytest
from sqlalchemy import func, select

from extensions import db
from models import AuditEntry, Branch, Contractor, LookupAttempt, Orderer, User, VersionConfirmation
from tests.builders import errors_beside, user


def _branch(name: str) -> Branch:
    return db.session.scalar(select(Branch).where(Branch.name == name))


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# --- Staff of a branch ---


@pytest.mark.rendered_form("admin.new_staff", "admin.staff_active")
def test_head_office_adds_and_disables_staff_of_a_branch(web, client, login_as):
    akita = _branch("秋田支店")
    web.log_in("hq")
    page = web.get(f"/admin/branches/{akita.id}")
    assert "審査 一郎" in page.text  # the demo's branch staff
    form = page.click("職員の追加").forms[1]
    form["login_id"], form["name"], form["email"] = "akita-staff2", "審査 二郎", "j@example.jp"
    listed = form.submit(status=303).follow()
    added = db.session.scalar(select(User).where(User.login_id == "akita-staff2"))
    assert added.branch_id == akita.id and added.must_change_password
    assert "akita-staff2" in listed.text

    staff = user("branch")
    login_as("branch")  # a session of the staff member that the disabling must end
    assert client.get("/branch/").status_code == 200
    toggle = web.form_to(listed, f"/admin/branches/{akita.id}/staff/{staff.id}/active")
    toggle.submit(status=303).follow()
    db.session.refresh(staff)
    assert not staff.is_active
    assert client.get("/branch/").status_code == 302  # the open session ended
    web.reset()
    assert "ログインIDまたはパスワード" in web.log_in("branch").text


def test_a_bad_staff_account_comes_back_beside_its_field(web):
    akita = _branch("秋田支店")
    web.log_in("hq")
    form = web.get(f"/admin/branches/{akita.id}/staff/new").forms[1]
    form["login_id"], form["name"], form["email"] = "branch", "重複", "x@example.jp"
    page = form.submit(status=422)
    assert "このログインIDは使用できません" in errors_beside(page.text, "login_id")


def test_branch_staff_outside_head_office_manage_no_staff(client, login_as, post):
    akita = _branch("秋田支店")
    login_as("branch")
    assert client.get(f"/admin/branches/{akita.id}").status_code == 403
    response = post(
        f"/admin/branches/{akita.id}/staff/new",
        {"login_id": "sneaky", "name": "x", "email": "x@example.jp"},
    )
    assert response.status_code == 403
    hq = user("hq")
    assert post(f"/admin/branches/{hq.branch_id}/staff/{hq.id}/active").status_code == 403
    db.session.refresh(hq)
    assert hq.is_active and user_count("sneaky") == 0


def user_count(login_id: str) -> int:
    return db.session.scalar(select(func.count()).where(User.login_id == login_id))


def test_staff_of_another_branch_is_404_under_this_one(login_as, post):
    login_as("hq")
    honten = _branch("本店営業部")
    staff = user("branch")  # 秋田支店
    assert post(f"/admin/branches/{honten.id}/staff/{staff.id}/active").status_code == 404


# --- Disabling an orderer ---


@pytest.mark.rendered_form("admin.orderer_active", "verifier.lookup")
def test_a_disabled_orderers_clerk_cannot_log_in_and_its_certificates_still_open_for_the_branch(
    web, client, login_as, contract, key
):
    # The clerk checks the certificate: a confirmation and a lookup stay on record.
    web.log_in("verifier")
    lookup = web.form_to(web.get("/verifier/"), "/verifier/")
    lookup["number"], lookup["key"] = contract.number, key
    lookup.submit(status=303).follow()
    records = (_count(VersionConfirmation), _count(LookupAttempt))
    clerk_session = web.cookies.copy()

    daisen = contract.application.orderer
    hq = client
    login_as("hq")
    page = hq.get(f"/admin/orderers/{daisen.id}")
    assert "この発注者を無効にする" in page.text
    web.reset()
    web.log_in("hq")
    form = web.get(f"/admin/orderers/{daisen.id}").forms["orderer-active-form"]
    done = form.submit(status=303).follow()
    assert "無効にしました" in done.text
    db.session.refresh(daisen)
    assert not daisen.is_active

    # The clerk's open session has ended, and no clerk of the orderer can log in.
    web.reset()
    for name, value in clerk_session.items():
        web.set_cookie(name, value)
    assert web.get("/verifier/", status=302).location.endswith("/login?next=%2Fverifier%2F")
    web.reset()
    assert "ログインIDまたはパスワード" in web.log_in("verifier").text
    assert "ログインIDまたはパスワード" in web.log_in("verifier-admin").text
    assert web.get("/verifier/", status=302)

    # The branch still opens its certificates and sees what the orderer checked.
    login_as("branch")
    detail = client.get(f"/branch/contracts/{contract.id}")
    assert detail.status_code == 200 and contract.number in detail.text
    assert client.get(f"/branch/contracts/{contract.id}/versions/1").status_code == 200
    pdf = client.get(f"/branch/contracts/{contract.id}/versions/1/certificate.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert (_count(VersionConfirmation), _count(LookupAttempt)) == records
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "orderer.disabled"))
    assert entry.subject_id == daisen.id


def test_branch_staff_outside_head_office_cannot_disable_an_orderer(login_as, post):
    login_as("branch")
    daisen = db.session.scalar(select(Orderer).where(Orderer.name == "大仙市"))
    assert post(f"/admin/orderers/{daisen.id}/active").status_code == 403
    db.session.refresh(daisen)
    assert daisen.is_active


# --- Editing a contractor ---


@pytest.mark.rendered_form("admin.edit_contractor")
def test_head_office_edits_a_contractor_and_the_audit_shows_before_and_after(web):
    company = db.session.scalar(select(Contractor).where(Contractor.name == "大曲建設株式会社"))
    web.log_in("hq")
    form = (
        web.get(f"/admin/contractors/{company.id}")
        .click("会社情報を変更する")
        .forms["contractor-edit"]
    )
    assert form["company_name"].value == "大曲建設株式会社"
    form["representative"] = "代表取締役　大曲　次郎"
    form["permit_number"] = "秋田県知事許可（般-5）第10001号"
    form["phone"] = "0187-63-0000"
    form.submit(status=303)
    db.session.refresh(company)
    assert company.representative == "代表取締役　大曲　次郎"
    audit = web.get("/admin/audit?subject=Contractor").text
    assert "受注者の変更" in audit
    assert "代表者: 代表取締役　大曲　一郎 → 代表取締役　大曲　次郎" in audit


def test_a_contractor_edit_with_a_missing_item_is_refused_and_nothing_changes(web):
    company = db.session.scalar(select(Contractor).where(Contractor.name == "大曲建設株式会社"))
    web.log_in("hq")
    form = web.get(f"/admin/contractors/{company.id}/edit").forms["contractor-edit"]
    form["company_name"] = ""
    page = form.submit(status=422)
    assert "会社名" in errors_beside(page.text, "company_name")
    db.session.refresh(company)
    assert company.name == "大曲建設株式会社"


def test_branch_staff_outside_head_office_cannot_edit_a_contractor(client, login_as, post):
    company = db.session.scalar(select(Contractor).where(Contractor.name == "大曲建設株式会社"))
    login_as("branch")
    assert client.get(f"/admin/contractors/{company.id}/edit").status_code == 403
    data = {"company_name": "乗っ取り", "representative": "x", "address": "x"}
    assert post(f"/admin/contractors/{company.id}/edit", data).status_code == 403
    db.session.refresh(company)
    assert company.name == "大曲建設株式会社"
