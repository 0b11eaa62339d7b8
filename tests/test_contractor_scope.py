"""A company's Net Desk is its own: only staff of its home branch (and head office) manage its
users, never with a password of their choosing, and its admins hear of every change."""

import pytest
from sqlalchemy import func, select

from extensions import db
from models import AccountRequest, AuditEntry, Branch, Contractor, OutboxMail, User
from tests.builders import link_in, make_branch_staff

NEW_PASSWORD = "jibun-de-kimeta-2026"
NOTICE = "【e-Surety 電子保証】貴社の利用者が変更されました"
SET_PASSWORD = "【e-Surety 電子保証】パスワード設定のお願い"


def _user(login_id: str) -> User | None:
    return db.session.scalar(select(User).where(User.login_id == login_id))


def _company() -> Contractor:
    """大曲建設株式会社, at home in 秋田支店; its 会社管理者 is `applicant`."""
    return _user("applicant").contractor


def _mails(to: str, subject: str) -> list[OutboxMail]:
    return db.session.scalars(
        select(OutboxMail).where(OutboxMail.to == to, OutboxMail.subject == subject)
    ).all()


def _account_form(page):
    return next(form for form in page.forms.values() if "login_id" in form.fields)


def test_staff_of_another_branch_cannot_touch_a_company_they_never_dealt_with(
    client, world, post, login_as
):
    company = _company()
    make_branch_staff()  # 横手支店: never dealt with 大曲建設
    login_as("yokote")
    users_before = db.session.scalar(select(func.count()).select_from(User))
    assert company.name not in client.get("/admin/contractors").text
    base = f"/admin/contractors/{company.id}"
    assert client.get(base).status_code == 404  # its users and their state stay unread
    assert client.get(f"{base}/users/new").status_code == 404
    forged = {"login_id": "takeover", "name": "乗っ取り", "email": "x@evil.example",
              "password": "chosen-by-staff-1", "company_admin": "y"}  # fmt: skip
    assert post(f"{base}/users/new", forged).status_code == 404
    admin = _user("applicant")
    assert post(f"{base}/users/{admin.id}/active", {"active": "0"}).status_code == 404
    assert post(f"{base}/home-branch", {"branch_id": "1"}).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(User)) == users_before
    assert _user("applicant").is_active and _user("takeover") is None


@pytest.mark.rendered_form("admin.new_member", "account.follow_link")
def test_the_home_branch_adds_an_admin_who_sets_their_own_password(web, world):
    company = _company()
    web.log_in("branch")
    page = web.get(f"/admin/contractors/{company.id}/users/new")
    form = _account_form(page)
    assert 'type="password"' not in form.text  # staff never choose it
    form["login_id"] = "omagari-kanri"
    form["name"] = "管理 次郎"
    form["email"] = "kanri@omagari.example.jp"
    form["company_admin"] = True
    done = form.submit().follow()
    assert "omagari-kanri" in done.text and "パスワード設定用のリンク" in done.text
    added = _user("omagari-kanri")
    assert added.is_company_admin and added.contractor_id == company.id
    (link_mail,) = _mails("kanri@omagari.example.jp", SET_PASSWORD)
    (notice,) = _mails("applicant@demo.example.jp", NOTICE)  # the existing admin is told
    assert "管理 次郎（omagari-kanri）」を会社管理者として追加しました" in notice.body_text
    assert "秋田支店 審査 一郎" in notice.body_text

    fresh = web.__class__(web.app, extra_environ=web.extra_environ)
    setting = next(f for f in fresh.get(link_in(link_mail)).forms.values() if "confirm" in f.fields)
    setting["password"] = setting["confirm"] = NEW_PASSWORD
    setting.submit()
    login = fresh.get("/login").forms[0]
    login["login_id"], login["password"] = "omagari-kanri", NEW_PASSWORD
    assert login.submit().location.endswith("/applicant/")


@pytest.mark.rendered_form("admin.new_contractor")
def test_a_registered_company_is_at_home_in_the_registering_branch(web, world):
    web.log_in("branch")
    page = web.get("/admin/contractors/new")
    form = _account_form(page)
    assert 'type="password"' not in form.text
    for name, value in {
        "company_name": "協和土木株式会社", "representative": "代表取締役 協和 太郎",
        "address": "秋田県大仙市協和1番地", "permit_number": "秋田県知事許可（般-5）第54321号",
        "phone": "0187-00-1111", "login_id": "kyowa-admin", "name": "協和 花子",
        "email": "hanako@kyowa.example.jp",
    }.items():  # fmt: skip
        form[name] = value
    shown = form.submit().follow()
    assert "担当支店" in shown.text and "秋田支店" in shown.text
    company = _user("kyowa-admin").contractor
    assert company.home_branch.name == "秋田支店"
    assert len(_mails("hanako@kyowa.example.jp", SET_PASSWORD)) == 1
    assert not _mails("hanako@kyowa.example.jp", NOTICE)  # no admin existed to be told


@pytest.mark.rendered_form("admin.member_active")
def test_disabling_a_user_tells_the_companys_admins(web, world, login_as, post):
    company = _company()
    login_as("applicant")  # the company's own admin adds a second admin
    post(
        "/company/users/new",
        {"login_id": "omagari-2", "name": "管理 二", "email": "ni@omagari.example.jp",
         "company_admin": "y"},
    )  # fmt: skip
    web.log_in("hq")  # head office manages every company
    page = web.get(f"/admin/contractors/{company.id}")
    second = _user("omagari-2")
    toggle = next(f for f in page.forms.values() if f.action.endswith(f"/users/{second.id}/active"))
    toggle.submit().follow()
    assert not _user("omagari-2").is_active
    (notice,) = _mails("applicant@demo.example.jp", NOTICE)
    assert "管理 二（omagari-2）」を無効にしました" in notice.body_text
    assert "本店営業部 本店 統括" in notice.body_text
    assert len(_mails("ni@omagari.example.jp", NOTICE)) == 1  # the disabled admin too


@pytest.mark.rendered_form("admin.home_branch")
def test_head_office_reassigns_the_home_branch(web, world, client, login_as):
    company = _company()
    make_branch_staff()
    web.log_in("hq")
    page = web.get(f"/admin/contractors/{company.id}")
    form = page.forms["home-branch"]
    form["branch_id"] = str(db.session.scalar(select(Branch.id).where(Branch.name == "横手支店")))
    assert "担当支店を「横手支店」にしました" in form.submit().follow().text
    assert _company().home_branch.name == "横手支店"
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "contractor.home_branch_changed")
    )
    assert entry.detail == "担当支店: 秋田支店 → 横手支店" and entry.user.login_id == "hq"
    login_as("yokote")
    assert client.get(f"/admin/contractors/{company.id}").status_code == 200
    login_as("branch")
    assert client.get(f"/admin/contractors/{company.id}").status_code == 404
    assert "home-branch" not in client.get("/admin/contractors").text


def test_only_head_office_sees_the_reassignment_form(client, world, login_as):
    company = _company()
    login_as("branch")
    assert 'id="home-branch"' not in client.get(f"/admin/contractors/{company.id}").text
    login_as("hq")
    assert 'id="home-branch"' in client.get(f"/admin/contractors/{company.id}").text


def test_an_approved_request_makes_the_chosen_branch_home(client, world, post, login_as):
    akita = db.session.scalar(select(Branch).where(Branch.name == "秋田支店"))
    post(
        "/signup",
        {"company_name": "協和土木株式会社", "representative": "代表取締役 協和 太郎",
         "address": "秋田県大仙市協和1番地", "permit_number": "第54321号",
         "phone": "0187-00-1111", "contact_name": "協和 花子",
         "email": "hanako@kyowa.example.jp", "branch_id": str(akita.id)},
    )  # fmt: skip
    login_as("hq")  # head office approves on the branch's behalf
    request_id = db.session.scalar(select(func.max(AccountRequest.id)))
    post(f"/admin/requests/{request_id}/approve", {"login_id": "kyowa-hanako"})
    assert _user("kyowa-hanako").contractor.home_branch.name == "秋田支店"


@pytest.mark.rendered_form("company.new_user", "company.user_active")
def test_a_company_admins_own_changes_tell_the_other_admins_as_staffs_do(web, world):
    """On the Net Desk's own user page, as by staff: every other admin hears of the addition
    and of a disabled user; the admin who acted is not told of their own doing."""
    acting = _user("applicant")
    web.log_in("applicant")

    def add(login_id: str, email: str, admin: bool = False) -> None:
        form = web.form_to(web.get("/company/users/new"), "")
        form["login_id"], form["name"], form["email"] = login_id, f"利用者 {login_id}", email
        form["company_admin"] = admin
        form.submit(status=303)

    add("omagari-2", "ni@omagari.example.jp", admin=True)
    assert not _mails("ni@omagari.example.jp", NOTICE)  # the new admin is not told of itself
    add("omagari-jimu", "jimu@omagari.example.jp")
    (notice,) = _mails("ni@omagari.example.jp", NOTICE)
    assert "貴社の会社管理者が、貴社の e-Surety 電子保証の利用者を" in notice.body_text
    assert "「利用者 omagari-jimu（omagari-jimu）」を追加しました。" in notice.body_text
    assert f"操作した会社管理者：{acting.name}（applicant）" in notice.body_text
    assert "秋田支店　電話" in notice.body_text  # whom to ask: the company's home branch

    jimu = _user("omagari-jimu")
    page = web.get("/company/users")
    toggle = next(f for f in page.forms.values() if f.action.endswith(f"/users/{jimu.id}/active"))
    toggle.submit(status=303)
    assert not _user("omagari-jimu").is_active
    assert len(_mails("ni@omagari.example.jp", NOTICE)) == 2
    assert not _mails(acting.email, NOTICE)  # nothing to the admin who acted
