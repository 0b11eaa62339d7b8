"""利用申込 and its decision, direct registration by branch staff, and company users."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from extensions import db
from models import (
    AccountRequest,
    Application,
    AuditEntry,
    Branch,
    Contractor,
    LinkPurpose,
    OutboxMail,
    RequestStatus,
    User,
)
from notifications.outbox import send_due
from operations.contractors import approve_account_request, decline_account_request
from operations.links import VALID_FOR
from tests.builders import link_in
from tests.conftest import sign_in

SIGNUP = {
    "company_name": "協和土木株式会社",
    "representative": "代表取締役 協和 太郎",
    "address": "秋田県大仙市協和サンプル1番地",
    "permit_number": "秋田県知事許可（般-5）第54321号",
    "phone": "0187-00-1111",
    "contact_name": "協和 花子",
    "email": "hanako@kyowa-doboku.example.jp",
}
NEW_PASSWORD = "kyowa-no-sora-2026"
SET_PASSWORD = "【e-Surety 電子保証】パスワード設定のお願い"


def _user(login_id: str) -> User | None:
    return db.session.scalar(select(User).where(User.login_id == login_id))


def _branch(name: str) -> Branch:
    return db.session.scalar(select(Branch).where(Branch.name == name))


def _signup(post, branch: str = "秋田支店", **changes) -> AccountRequest:
    response = post("/signup", {**SIGNUP, "branch_id": str(_branch(branch).id), **changes})
    assert response.status_code == 303 and response.location == "/signup/sent"
    return db.session.scalar(select(AccountRequest).order_by(AccountRequest.id.desc()))


def _mails(to: str, subject: str) -> list[OutboxMail]:
    query = select(OutboxMail).where(OutboxMail.to == to, OutboxMail.subject == subject)
    return db.session.scalars(query.order_by(OutboxMail.id)).all()


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_new_contractor_applies_is_approved_sets_a_password_and_applies(
    app, client, world, post, login_as
):
    request = _signup(post)
    assert request.status is RequestStatus.PENDING
    branch = login_as("branch")
    page = client.get("/admin/requests").text
    assert "協和土木株式会社" in page and "審査待ち" in page
    detail = client.get(f"/admin/requests/{request.id}").text
    assert 'value="hanako"' in detail  # the login ID suggested from the address

    with app.test_request_context():
        user, mail = approve_account_request(branch, request, "kyowa-hanako")
        db.session.commit()
    assert mail.subject == "【e-Surety 電子保証】パスワード設定のお願い"
    assert mail.to == SIGNUP["email"]
    assert user.is_company_admin and user.must_change_password
    assert user.contractor.name == "協和土木株式会社"
    assert user.contractor.permit_number == SIGNUP["permit_number"]
    assert db.session.get(AccountRequest, request.id).status is RequestStatus.APPROVED

    post("/logout")
    link = link_in(mail)
    assert "kyowa-hanako" in client.get(link).text
    response = post(link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.location == "/login"
    login = post("/login", {"login_id": "kyowa-hanako", "password": NEW_PASSWORD})
    assert login.location == "/applicant/"
    assert client.get("/applicant/").status_code == 200  # no detour: the password is their own
    form = client.get("/applicant/applications/new").text
    token = form.split('name="form_token" type="hidden" value="')[1].split('"')[0]
    draft = {"action": "save_draft", "form_token": token, "work_name": "協和地区排水路工事"}
    assert post("/applicant/applications/new", draft).status_code == 303
    application = db.session.scalar(select(Application).where(Application.form_token == token))
    assert application.contractor_id == user.contractor_id


def test_approval_through_the_page_creates_the_company_admin(client, world, post, login_as):
    request = _signup(post)
    login_as("branch")
    response = post(f"/admin/requests/{request.id}/approve", {"login_id": "kyowa-hanako"})
    assert response.status_code == 303
    assert "承認しました" in client.get(response.location).text
    user = _user("kyowa-hanako")
    assert user.email == SIGNUP["email"] and user.is_company_admin
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-3:] == ["contractor.added", "user.added", "account_request.approved"]
    again = post(f"/admin/requests/{request.id}/approve", {"login_id": "kyowa-2"})
    assert again.status_code == 422 and "この利用申込は承認済みです。" in again.text
    assert _user("kyowa-2") is None


def test_a_taken_login_id_at_approval_saves_nothing(world, post, login_as):
    request = _signup(post)
    login_as("branch")
    contractors = _count(Contractor)
    response = post(f"/admin/requests/{request.id}/approve", {"login_id": "applicant"})
    assert response.status_code == 422
    assert re.search(r"このログインIDは使用できません。「applicant\d{4}」", response.text)
    assert _count(Contractor) == contractors
    assert db.session.get(AccountRequest, request.id).status is RequestStatus.PENDING


def test_a_decline_needs_a_reason_and_mails_it(app, client, world, post, login_as):
    request = _signup(post)
    branch = login_as("branch")
    response = post(f"/admin/requests/{request.id}/decline", {"reason": ""})
    assert response.status_code == 422 and "謝絶の理由を入力してください。" in response.text
    assert (
        post(
            f"/admin/requests/{request.id}/decline", {"reason": "所在地を確認できません。"}
        ).status_code
        == 303
    )
    stored = db.session.get(AccountRequest, request.id)
    assert stored.status is RequestStatus.DECLINED and stored.decided_by_id == branch.id
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "account_request.declined")
    )
    assert entry.detail == "理由: 所在地を確認できません。"

    other = _signup(post)
    with app.test_request_context():
        mail = decline_account_request(branch, other, "許可番号を確認できません。")
        text = mail.body_text
    assert mail.to == SIGNUP["email"] and "許可番号を確認できません。" in text
    assert "秋田支店" in text and "018-000-0001" in text


def test_a_branch_decides_only_the_requests_sent_to_it(client, world, post, login_as):
    request = _signup(post, branch="本店営業部")
    login_as("branch")
    assert client.get(f"/admin/requests/{request.id}").status_code == 404
    assert "協和土木株式会社" not in client.get("/admin/requests").text
    assert post(f"/admin/requests/{request.id}/approve", {"login_id": "kyowa"}).status_code == 404
    login_as("hq")
    assert client.get(f"/admin/requests/{request.id}").status_code == 200


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"company_name": ""}, "company_name", "会社名を入力してください。"),
        ({"permit_number": ""}, "permit_number", "建設業許可番号を入力してください。"),
        ({"email": "hanako@"}, "email", "メールアドレスの形式"),
        ({"phone": "でんわ"}, "phone", "数字とハイフン"),
        ({"branch_id": ""}, "branch_id", "お申込先を選んでください。"),
        ({"branch_id": "999999"}, "branch_id", ""),
        ({"branch_id": "abc"}, "branch_id", ""),
    ],
)
def test_a_bad_signup_is_refused_beside_the_field(world, post, changes, field, message):
    data = {**SIGNUP, "branch_id": str(_branch("秋田支店").id), **changes}
    response = post("/signup", data)
    assert response.status_code == 422
    assert message in response.text.split(f'id="{field}-errors"')[1].split("</div>")[0]
    assert _count(AccountRequest) == 0


CONTRACTOR = {**SIGNUP, "login_id": "kyowa-admin", "name": "協和 花子"}


def test_branch_staff_register_a_company_with_its_admin(client, world, post, login_as):
    login_as("branch")
    response = post("/admin/contractors/new", CONTRACTOR)
    assert response.status_code == 303
    user = _user("kyowa-admin")
    assert response.location == f"/admin/contractors/{user.contractor_id}"
    assert user.is_company_admin and user.must_change_password
    assert "kyowa-admin" in client.get(response.location).text
    again = post("/admin/contractors/new", {**CONTRACTOR, "login_id": "kyowa-2"})
    assert again.status_code == 422 and "の会社は既に登録されています。" in again.text
    assert _user("kyowa-2") is None

    add = {"login_id": "kyowa-jimu", "name": "事務 一郎", "email": "jimu@kyowa.example.jp"}
    assert post(f"/admin/contractors/{user.contractor_id}/users/new", add).status_code == 303
    assert not _user("kyowa-jimu").is_company_admin


USER = {"login_id": "omagari-jimu", "name": "事務 三郎", "email": "jimu@omagari.example.jp"}


def _add_through_the_form(web, **fields) -> None:
    """The company admin (logged in on `web`) adds a user through the rendered form."""
    form = web.form_to(web.get("/company/users/new"), "")
    assert "password" not in form.fields  # nobody types another person's password
    for name, value in {**USER, **fields}.items():
        form[name] = value
    added = form.submit(status=303).follow()
    assert "jimu@omagari.example.jp 宛に、パスワード設定用のリンクをお送りします。" in added.text


def _set_through(web, link: str, password: str = NEW_PASSWORD, status: int = 303):
    form = web.form_to(web.get(link), "")
    form["password"], form["confirm"] = password, password
    return form.submit(status=status)


@pytest.mark.rendered_form("company.new_user", "account.follow_link")
def test_a_company_admin_adds_a_user_who_sets_a_password_by_link(web, clock):
    assert "利用者の管理" in web.log_in("applicant").text
    _add_through_the_form(web)
    user = _user("omagari-jimu")
    assert user.contractor_id == _user("applicant").contractor_id and not user.is_company_admin
    assert user.must_change_password
    (mail,) = _mails(USER["email"], SET_PASSWORD)
    assert "（1回限り・7日間有効）" in mail.body_text
    web.reset()  # another browser: the new user's
    assert web.log_in("omagari-jimu", NEW_PASSWORD).request.path == "/login"  # not yet set
    clock.now += VALID_FOR[LinkPurpose.SET_PASSWORD] - timedelta(minutes=1)
    assert _set_through(web, link_in(mail)).location.endswith("/login")
    assert web.log_in("omagari-jimu", NEW_PASSWORD).request.path == "/applicant/"
    web.reset()
    used = web.get(link_in(mail), status=404)
    assert "このリンクは使用済みか、有効期限が切れています。" in used.text
    assert "パスワードの再設定を申し込む" in used.text


@pytest.mark.rendered_form("company.new_user")
def test_a_set_password_link_from_a_company_admin_expires(web, clock):
    web.log_in("applicant")
    _add_through_the_form(web)
    (mail,) = _mails(USER["email"], SET_PASSWORD)
    clock.now += VALID_FOR[LinkPurpose.SET_PASSWORD]
    web.reset()
    expired = web.get(link_in(mail), status=404)
    assert "このリンクは使用済みか、有効期限が切れています。" in expired.text
    assert _user("omagari-jimu").must_change_password


@pytest.mark.rendered_form("company.new_user")
def test_the_link_of_a_company_admins_new_user_arrives_at_a_real_smtp_server(web, smtp_server):
    web.log_in("applicant")
    _add_through_the_form(web)
    send_due()  # the mail worker's pass
    (arrived,) = [m for m in smtp_server.messages if m["To"] == USER["email"]]
    assert arrived["Subject"] == "【e-Surety 電子保証】パスワード設定のお願い"
    body = arrived.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://[^/\s]+(/password/link/\S+)", body).group(1)
    web.reset()
    assert _set_through(web, link).location.endswith("/login")
    assert web.log_in("omagari-jimu", NEW_PASSWORD).request.path == "/applicant/"


def test_a_password_posted_by_a_company_admin_opens_nothing(client, world, post, login_as):
    """The attacker's side: an admin who adds a password field to the POST by hand still
    cannot log in as the user they added (the field is ignored, the password is random)."""
    login_as("applicant")
    chosen = "karino-pass-2026"
    assert post("/company/users/new", {**USER, "password": chosen}).status_code == 303
    user = _user("omagari-jimu")
    assert not user.check_password(chosen) and user.must_change_password
    post("/logout")
    refused = post("/login", {"login_id": "omagari-jimu", "password": chosen})
    assert "ログインIDまたはパスワードが正しくありません。" in refused.text


def test_an_old_temporary_password_no_longer_opens_the_account(app, client, world, post):
    """An account given a temporary password before links existed (must_change_password set,
    the password known to whoever chose it) is refused at login and its open sessions end;
    its holder sets a password through 「パスワードをお忘れの方」."""
    user = _user("applicant2")
    other = app.test_client()
    sign_in(other, user)
    assert other.get("/applicant/").status_code == 200
    user.set_password("karino-pass-2026")
    user.must_change_password = True
    db.session.commit()
    assert other.get("/applicant/").status_code == 302
    refused = post("/login", {"login_id": "applicant2", "password": "karino-pass-2026"})
    assert "ログインIDまたはパスワードが正しくありません。" in refused.text


def test_a_company_admin_disables_a_user_whose_session_ends(app, client, world, post, login_as):
    login_as("applicant")
    post("/company/users/new", USER)
    user = _user("omagari-jimu")
    user.set_password(NEW_PASSWORD)  # as through the link
    user.must_change_password = False
    db.session.commit()
    other = app.test_client()
    sign_in(other, user)
    assert other.get("/applicant/").status_code == 200
    assert post(f"/company/users/{user.id}/active", {"active": "0"}).status_code == 303
    assert other.get("/applicant/").status_code == 302
    post("/logout")
    refused = post("/login", {"login_id": "omagari-jimu", "password": NEW_PASSWORD})
    assert "ログインIDまたはパスワードが正しくありません。" in refused.text


def test_another_companys_user_is_404_and_untouched(client, world, post, login_as):
    login_as("applicant")
    foreign = _user("applicant2")
    assert post(f"/company/users/{foreign.id}/active", {"active": "0"}).status_code == 404
    assert _user("applicant2").is_active


def test_a_company_admin_cannot_disable_themselves(client, world, post, login_as):
    admin = login_as("applicant")
    response = post(f"/company/users/{admin.id}/active", {"active": "0"})
    assert response.status_code == 303
    assert "ご自身のアカウントは無効にできません。" in client.get(response.location).text
    assert _user("applicant").is_active


def test_users_who_are_not_company_admins_cannot_manage_users(client, world, post, login_as):
    login_as("applicant")
    post("/company/users/new", USER)
    user = _user("omagari-jimu")
    user.must_change_password = False
    db.session.commit()
    login_as("omagari-jimu")
    assert client.get("/company/users").status_code == 403
    assert post("/company/users/new", {**USER, "login_id": "omagari-2"}).status_code == 403
    assert "利用者の管理" not in client.get("/applicant/").text


def test_the_set_password_mail_arrives_at_a_real_smtp_server(
    client, world, post, login_as, smtp_server
):
    request = _signup(post)
    login_as("branch")
    response = post(f"/admin/requests/{request.id}/approve", {"login_id": "kyowa-hanako"})
    assert response.status_code == 303
    send_due()  # the mail worker's pass
    (arrived,) = [m for m in smtp_server.messages if m["To"] == SIGNUP["email"]]
    assert arrived["Subject"] == "【e-Surety 電子保証】パスワード設定のお願い"
    body = arrived.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://[^/\s]+(/password/link/\S+)", body).group(1)

    post("/logout")
    assert post(link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).location == "/login"
    login = post("/login", {"login_id": "kyowa-hanako", "password": NEW_PASSWORD})
    assert login.location == "/applicant/"


def test_password_links_are_not_shown_to_staff_in_the_outbox(client, world, post, login_as):
    request = _signup(post)
    login_as("hq")
    assert (
        post(f"/admin/requests/{request.id}/approve", {"login_id": "kyowa-hanako"}).status_code
        == 303
    )
    mail = db.session.scalar(select(OutboxMail).where(OutboxMail.to == SIGNUP["email"]))
    assert "/password/link/" in mail.body_text  # queued, waiting for a mail server
    assert "/password/link/" not in client.get("/branch/outbox").text
    assert client.get(f"/branch/outbox/{mail.id}").status_code == 404
