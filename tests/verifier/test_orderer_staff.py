"""職員管理: an orderer's 発注者管理者 adds, disables and re-enables its clerks and names other
admins; clerks and other orderers' admins cannot; head office keeps the power to do it."""

import pytest
from sqlalchemy import func, select

from extensions import db
from models import AuditEntry, Orderer, OutboxMail, User
from notifications.outbox import send_due
from operations.errors import DomainError
from operations.orderer_staff import set_orderer_admin
from tests.builders import link_in
from tests.conftest import sign_in

CLERK = {"login_id": "daisen-kouji", "name": "工事 四郎", "email": "kouji@city.example.jp"}
PASSWORD = "omagari-no-hanabi-7"


def _user(login_id: str) -> User | None:
    return db.session.scalar(select(User).where(User.login_id == login_id))


def _orderer(name: str) -> Orderer:
    return db.session.scalar(select(Orderer).where(Orderer.name == name))


def _audit(action: str, subject: User) -> AuditEntry | None:
    return db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == action, AuditEntry.subject_id == subject.id)
    )


def _counts() -> list[int]:
    return [db.session.scalar(select(func.count()).select_from(m)) for m in (User, OutboxMail)]


@pytest.mark.rendered_form(
    "orderer_staff.new_user", "orderer_staff.user_active", "orderer_staff.user_admin"
)
def test_the_orderer_admin_adds_a_clerk_who_sets_a_password_by_the_mailed_link(
    app, web, smtp_server
):
    home = web.log_in("verifier-admin")
    staff = home.click("職員管理")
    assert "職員管理：大仙市" in staff.text and "確認 大仙" in staff.text
    form = web.form_to(staff.click("職員の追加"), "")
    assert "password" not in form.fields  # the clerk chooses it, through the link
    for name, value in CLERK.items():
        form[name] = value
    listed = form.submit(status=303).follow()
    assert "kouji@city.example.jp 宛に、パスワード設定用のリンクをお送りします。" in listed.text
    clerk = _user("daisen-kouji")
    admin = _user("verifier-admin")
    assert clerk.orderer.name == "大仙市" and clerk.must_change_password
    assert not clerk.is_orderer_admin
    added = _audit("user.added", clerk)
    assert added.user_id == admin.id and "発注者管理者: いいえ" in added.detail

    send_due()  # the mail worker's pass
    (arrived,) = [m for m in smtp_server.messages if m["To"] == CLERK["email"]]
    assert arrived["Subject"] == "【e-Surety 電子保証】パスワード設定のお願い"
    body = arrived.get_body(preferencelist=("plain",)).get_content()
    assert "電子保証確認サービスのご利用登録" in body and "ログインID：daisen-kouji" in body

    clerk_web = type(web)(web.app, extra_environ=web.extra_environ)
    mail = db.session.scalar(select(OutboxMail).where(OutboxMail.to == CLERK["email"]))
    link_page = clerk_web.get(link_in(mail))
    form = link_page.forms[0]
    form["password"] = form["confirm"] = "daisen-kouji-2026"
    refused = form.submit(status=422)
    assert "ログインIDを含める" in refused.text  # the password policy holds here too
    form = refused.forms[0]
    form["password"] = form["confirm"] = PASSWORD
    login = form.submit(status=303).follow().forms[0]
    login["login_id"], login["password"] = "daisen-kouji", PASSWORD
    clerk_home = login.submit(status=303).follow()
    assert clerk_home.request.path == "/verifier/"
    assert "確認済み一覧" in clerk_home.text and "職員管理" not in clerk_home.text
    assert clerk_web.get("/verifier/staff/", status=403)

    row = web.form_to(web.get("/verifier/staff/"), f"/verifier/staff/{clerk.id}/admin")
    assert "発注者管理者にする" in row.text
    row.submit(status=303)
    assert _user("daisen-kouji").is_orderer_admin
    assert _audit("user.admin_granted", clerk).detail == "発注者管理者: いいえ → はい"
    assert "職員管理" in clerk_web.get("/verifier/").text
    web.form_to(web.get("/verifier/staff/"), f"/verifier/staff/{clerk.id}/admin").submit()
    assert not _user("daisen-kouji").is_orderer_admin
    assert _audit("user.admin_revoked", clerk).user_id == admin.id

    web.form_to(web.get("/verifier/staff/"), f"/verifier/staff/{clerk.id}/active").submit()
    assert not _user("daisen-kouji").is_active
    assert _audit("user.disabled", clerk).user_id == admin.id
    clerk_web.get("/verifier/", status=302)  # the clerk's session ended
    web.form_to(web.get("/verifier/staff/"), f"/verifier/staff/{clerk.id}/active").submit()
    assert _user("daisen-kouji").is_active and _audit("user.enabled", clerk)


@pytest.mark.rendered_form("orderer_staff.new_user")
@pytest.mark.parametrize("login_id", ["verifier2", "Verifier", "admin"])
def test_a_taken_or_reserved_login_id_gets_the_one_answer_that_confirms_no_one(web, login_id):
    web.log_in("verifier-admin")
    form = web.form_to(web.get("/verifier/staff/new"), "")
    for name, value in {**CLERK, "login_id": login_id}.items():
        form[name] = value
    before = _counts()
    refused = form.submit(status=422)
    message = refused.text.split('id="login_id-errors"')[1].split("</div>")[0]
    assert "このログインIDは使用できません。" in message and "秋田県" not in refused.text
    assert _counts() == before


def test_a_clerk_gets_403_on_every_staff_page(client, login_as, post):
    login_as("verifier")
    admin = _user("verifier-admin")
    assert "職員管理" not in client.get("/verifier/").text
    assert client.get("/verifier/staff/").status_code == 403
    assert client.get("/verifier/staff/new").status_code == 403
    assert post("/verifier/staff/new", {**CLERK}).status_code == 403
    assert post(f"/verifier/staff/{admin.id}/active", {"active": "0"}).status_code == 403
    assert post(f"/verifier/staff/{admin.id}/admin", {"admin": "0"}).status_code == 403
    assert _user("verifier-admin").is_active and _user("verifier-admin").is_orderer_admin
    assert _user("daisen-kouji") is None


def test_another_orderers_admin_cannot_see_or_touch_its_clerks(client, login_as, post):
    akita_admin = _user("verifier2")
    akita_admin.is_orderer_admin = True
    db.session.commit()
    login_as("verifier2")
    page = client.get("/verifier/staff/").text
    assert "職員管理：秋田県" in page and "確認 大仙" not in page and "verifier-admin" not in page
    daisen_clerk, daisen_admin = _user("verifier"), _user("verifier-admin")
    for target in (daisen_clerk, daisen_admin):
        assert post(f"/verifier/staff/{target.id}/active", {"active": "0"}).status_code == 404
        assert post(f"/verifier/staff/{target.id}/admin", {"admin": "1"}).status_code == 404
    company_user = _user("applicant")
    assert post(f"/verifier/staff/{company_user.id}/active", {"active": "0"}).status_code == 404
    assert _user("verifier").is_active and not _user("verifier").is_orderer_admin
    assert _user("verifier-admin").is_active and _user("applicant").is_active


@pytest.mark.parametrize("forged", ["999999", "0", "99999999999999999999", "-1", "abc"])
def test_forged_clerk_ids_are_404(client, login_as, post, forged):
    login_as("verifier-admin")
    assert post(f"/verifier/staff/{forged}/active", {"active": "0"}).status_code == 404
    assert post(f"/verifier/staff/{forged}/admin", {"admin": "1"}).status_code == 404


def test_an_admin_never_disables_nor_demotes_themselves(client, login_as, post):
    admin = login_as("verifier-admin")
    response = post(f"/verifier/staff/{admin.id}/active", {"active": "0"})
    assert "ご自身のアカウントは無効にできません。" in client.get(response.location).text
    response = post(f"/verifier/staff/{admin.id}/admin", {"admin": "0"})
    assert "ご自身の発注者管理者は外せません。" in client.get(response.location).text
    admin = _user("verifier-admin")
    assert admin.is_active and admin.is_orderer_admin
    assert _audit("user.disabled", admin) is None and _audit("user.admin_revoked", admin) is None


def test_the_last_admin_stays_even_when_head_office_tries(client, login_as, post):
    daisen, admin = _orderer("大仙市"), _user("verifier-admin")
    login_as("hq")
    base = f"/admin/orderers/{daisen.id}/verifiers/{admin.id}"
    for action, data in (("active", {"active": "0"}), ("admin", {"admin": "0"})):
        response = post(f"{base}/{action}", data)
        assert "最後の発注者管理者です。" in client.get(response.location).text
    assert _user("verifier-admin").is_active and _user("verifier-admin").is_orderer_admin

    clerk = _user("verifier")
    post(f"/admin/orderers/{daisen.id}/verifiers/{clerk.id}/admin", {"admin": "1"})
    assert _user("verifier").is_orderer_admin
    assert post(f"{base}/active", {"active": "0"}).status_code == 303  # another admin remains
    assert not _user("verifier-admin").is_active
    assert _audit("user.admin_granted", clerk).user_id == _user("hq").id


def test_an_admin_demoted_meanwhile_can_no_longer_act(app, login_as, post):
    """Two admins demoting each other at once: the second acts as a clerk, and is refused."""
    first, second = _user("verifier-admin"), _user("verifier")
    second.is_orderer_admin = True
    db.session.commit()
    login_as("verifier-admin")
    assert post(f"/verifier/staff/{second.id}/admin", {"admin": "0"}).status_code == 303
    with app.test_request_context(), pytest.raises(DomainError, match="発注者管理者だけ"):
        set_orderer_admin(second, first, False)  # its page was open before the demotion
    db.session.rollback()
    assert _user("verifier-admin").is_orderer_admin


def test_a_demoted_admin_loses_the_staff_page_at_the_next_request(app, client, login_as, post):
    second = _user("verifier")
    second.is_orderer_admin = True
    db.session.commit()
    other = app.test_client()
    sign_in(other, second)
    assert other.get("/verifier/staff/").status_code == 200
    login_as("verifier-admin")
    post(f"/verifier/staff/{second.id}/admin", {"admin": "0"})
    assert other.get("/verifier/staff/").status_code == 403
    assert "職員管理" not in other.get("/verifier/").text
