"""Head-office administration of orderers, their rules and their verifier accounts."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from extensions import db
from models import AuditEntry, Orderer, OutboxMail, User
from tests.builders import link_in
from tests.conftest import sign_in

NEW_ORDERER = {
    "name": "サンプル市",
    "creditor_name": "サンプル市長",
    "category": "municipality",
    "contact": "サンプル市 財務部 契約課",
    "accepts_e_advance": "y",
    "accepts_e_contract": "y",
    "e_surety_start": "2025-04-01",
    "e_surety_basis": "contract",
    "advance_ratio": "0.4",
    "rounding_unit": "10,000",
    "contract_min_ratio": "0.1",
}


def _orderer(name: str) -> Orderer | None:
    return db.session.scalar(select(Orderer).where(Orderer.name == name))


def test_hq_adds_an_orderer_that_appears_on_the_public_list_and_the_form(client, login_as, post):
    login_as("hq")
    response = post("/admin/orderers/new", NEW_ORDERER)
    assert response.status_code == 303
    orderer = _orderer("サンプル市")
    assert response.location == f"/admin/orderers/{orderer.id}"
    assert orderer.accepts_e_advance and orderer.accepts_e_contract
    assert not orderer.accepts_e_interim
    assert orderer.e_surety_start.isoformat() == "2025-04-01"
    assert orderer.rounding_unit == 10_000 and orderer.advance_ratio == Decimal("0.4")

    public = client.get("/orderers").text
    assert "サンプル市" in public and "令和7年4月1日" in public and "請負契約日" in public
    login_as("applicant")
    form = client.get("/applicant/applications/new").text
    assert f'<option value="{orderer.id}">サンプル市</option>' in form


def test_the_application_form_follows_a_changed_rule_at_once(client, login_as, post):
    login_as("hq")
    daisen = _orderer("大仙市")
    data = {**NEW_ORDERER, "name": "大仙市", "accepts_e_contract": "", "e_surety_basis": "contract"}
    del data["accepts_e_contract"]
    assert post(f"/admin/orderers/{daisen.id}/edit", data).status_code == 303
    login_as("applicant")
    query = f"orderer_id={daisen.id}&contract_date=2026-01-10"
    answer = client.get(f"/applicant/form/certificate/contract?{query}").text
    assert "大仙市は契約保証の電子保証に対応していません。" in answer


def test_a_change_is_in_the_audit_trail_with_before_and_after(client, login_as, post):
    login_as("hq")
    daisen = _orderer("大仙市")
    data = {**NEW_ORDERER, "name": "大仙市", "accepts_e_interim": "y", "rounding_unit": "100000"}
    post(f"/admin/orderers/{daisen.id}/edit", data)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "orderer.changed"))
    assert entry.user.login_id == "hq" and entry.subject_id == daisen.id
    assert "端数処理の単位: 10000 → 100000" in entry.detail
    assert "基準日: 入札公告日 → 請負契約日" in entry.detail
    assert "発注者名" not in entry.detail  # unchanged items are not listed
    page = client.get("/admin/audit").text
    assert "発注者の変更" in page and "端数処理の単位: 10000 → 100000" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"advance_ratio": "1.5"},
            "advance_ratio",
            "前払金の割合は0より大きく1以下の数で入力してください",
        ),
        ({"contract_min_ratio": "-0.1"}, "contract_min_ratio", "0より大きく1以下"),
        ({"advance_ratio": "四割"}, "advance_ratio", "前払金の割合は数で入力してください"),
        ({"advance_ratio": "NaN"}, "advance_ratio", "前払金の割合は数で入力してください"),
        (
            {"e_surety_start": "2025-02-30"},
            "e_surety_start",
            "開始日は日付（例：2026/04/01）で入力してください。",
        ),
        ({"e_surety_start": "来年度"}, "e_surety_start", "開始日は日付"),
        ({"e_surety_basis": ""}, "e_surety_basis", "基準日（入札公告日など）を選んでください"),
        ({"e_surety_start": ""}, "e_surety_start", "開始日を入力してください"),
        ({"name": "大仙市"}, "name", "「大仙市」は既に登録されています。"),
        ({"name": ""}, "name", "発注者名を入力してください。"),
        ({"rounding_unit": "0"}, "rounding_unit", "1円以上"),
        ({"category": "planet"}, "category", ""),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_nothing_is_saved(
    login_as, post, changes, field, message
):
    login_as("hq")
    before = db.session.scalar(select(func.count()).select_from(Orderer))
    response = post("/admin/orderers/new", {**NEW_ORDERER, **changes})
    assert response.status_code == 422
    assert f'id="field-{field}"' in response.text
    errors = response.text.split(f'id="{field}-errors"')[1].split("</div>")[0]
    assert message in errors and '<p class="error">' in errors
    assert db.session.scalar(select(func.count()).select_from(Orderer)) == before


def _orderer_form(page):
    return page.forms["orderer-form"]


@pytest.mark.rendered_form("admin.new_orderer")
def test_a_new_orderer_names_its_creditor_through_the_form(web):
    web.log_in("hq")
    form = _orderer_form(web.get("/admin/orderers/new"))
    form["name"], form["creditor_name"] = "サンプル村", "サンプル村長"
    form["rounding_unit"] = "1"
    page = form.submit().maybe_follow()
    assert _orderer("サンプル村").creditor_name == "サンプル村長"
    assert "保証債権者" in page.text and "サンプル村長" in page.text


@pytest.mark.rendered_form("admin.edit_orderer")
def test_head_office_changes_the_creditor_name_as_rendered(web):
    web.log_in("hq")
    daisen = _orderer("大仙市")
    form = _orderer_form(web.get(f"/admin/orderers/{daisen.id}/edit"))
    assert form["creditor_name"].value == "大仙市長"
    form["creditor_name"] = "  大仙市長　老松 博行 "
    page = form.submit()
    assert page.status_int == 303
    assert _orderer("大仙市").creditor_name == "大仙市長　老松 博行"
    assert "大仙市長　老松 博行" in page.follow().text
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "orderer.changed"))
    assert entry.detail == "保証債権者: 大仙市長 → 大仙市長　老松 博行"


@pytest.mark.rendered_form("admin.edit_orderer")
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "保証債権者を入力してください。"),
        ("　 ", "保証債権者を入力してください。"),
        ("大" * 101, "保証債権者は100文字以内で入力してください。"),
    ],
)
def test_a_bad_creditor_name_is_refused_beside_the_field(web, typed, message):
    web.log_in("hq")
    daisen = _orderer("大仙市")
    form = _orderer_form(web.get(f"/admin/orderers/{daisen.id}/edit"))
    form["creditor_name"] = typed
    page = form.submit(status=422)
    errors = page.html.select_one("#creditor_name-errors").get_text()
    assert message in errors
    assert page.html.select_one("#creditor_name")["value"] == typed
    assert _orderer("大仙市").creditor_name == "大仙市長"


def test_branch_staff_outside_head_office_cannot_administer_orderers(client, login_as, post):
    login_as("branch")
    assert client.get("/admin/orderers").status_code == 403
    assert post("/admin/orderers/new", NEW_ORDERER).status_code == 403
    assert _orderer("サンプル市") is None


def test_an_unknown_orderer_is_404(client, login_as):
    login_as("hq")
    assert client.get("/admin/orderers/999999/edit").status_code == 404


VERIFIER = {"login_id": "daisen-keiyaku", "name": "契約 三郎", "email": "keiyaku@city.example.jp"}
NEW_PASSWORD = "jibun-de-kimeta-9"


def test_a_new_verifier_sets_a_password_through_the_mailed_link(client, login_as, post):
    login_as("hq")
    daisen = _orderer("大仙市")
    response = post(f"/admin/orderers/{daisen.id}/verifiers/new", VERIFIER)
    assert response.status_code == 303
    page = client.get(response.location).text
    assert "daisen-keiyaku" in page and "keiyaku@city.example.jp 宛に" in page
    user = db.session.scalar(select(User).where(User.login_id == "daisen-keiyaku"))
    assert user.orderer_id == daisen.id and user.must_change_password
    assert not user.is_orderer_admin
    mail = db.session.scalar(select(OutboxMail).where(OutboxMail.to == VERIFIER["email"]))
    assert "電子保証確認サービスのご利用登録が完了しました。" in mail.body_text
    added = db.session.scalar(
        select(AuditEntry).where(
            AuditEntry.action == "user.added", AuditEntry.subject_id == user.id
        )
    )
    assert "発注者管理者: いいえ" in added.detail and "会社管理者" not in added.detail

    post("/logout")
    link = link_in(mail)
    assert post(link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).location == "/login"
    login = post("/login", {"login_id": "daisen-keiyaku", "password": NEW_PASSWORD})
    assert login.location == "/verifier/"
    assert post(link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code != 303


def test_head_office_makes_an_orderer_admin_for_a_new_orderer(client, login_as, post):
    login_as("hq")
    akita = _orderer("秋田県")
    admin = {**VERIFIER, "login_id": "akita-kanri", "orderer_admin": "y"}
    assert post(f"/admin/orderers/{akita.id}/verifiers/new", admin).status_code == 303
    user = db.session.scalar(select(User).where(User.login_id == "akita-kanri"))
    assert user.orderer_id == akita.id and user.is_orderer_admin
    assert "発注者管理者" in client.get(f"/admin/orderers/{akita.id}").text


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"login_id": "verifier"}, "login_id", "このログインIDは使用できません。「verifier"),
        ({"login_id": "VERIFIER"}, "login_id", "このログインIDは使用できません。"),
        ({"login_id": "admin"}, "login_id", "このログインIDは使用できません。"),
        ({"login_id": "田中"}, "login_id", "ログインIDは4〜50文字"),
        ({"email": "not-an-address"}, "email", "メールアドレスの形式"),
        ({"email": ""}, "email", "メールアドレスを入力してください。"),
    ],
)
def test_bad_verifier_accounts_are_refused(login_as, post, changes, field, message):
    login_as("hq")
    daisen = _orderer("大仙市")
    counts = [db.session.scalar(select(func.count()).select_from(m)) for m in (User, OutboxMail)]
    response = post(f"/admin/orderers/{daisen.id}/verifiers/new", {**VERIFIER, **changes})
    assert response.status_code == 422
    assert message in response.text.split(f'id="{field}-errors"')[1].split("</div>")[0]
    assert [db.session.scalar(select(func.count()).select_from(m)) for m in (User, OutboxMail)] == (
        counts
    )


def test_a_disabled_verifier_is_logged_out_at_the_next_request(app, client, login_as, post):
    verifier = login_as("verifier")
    assert client.get("/orderers").status_code == 200
    hq = app.test_client()
    sign_in(hq, db.session.scalar(select(User).where(User.login_id == "hq")))
    token = hq.get("/guide").text.split('"X-CSRFToken": "')[1].split('"')[0]
    url = f"/admin/orderers/{verifier.orderer_id}/verifiers/{verifier.id}/active"
    assert hq.post(url, data={"csrf_token": token, "active": "0"}).status_code == 303
    assert client.get("/account/password").status_code == 302  # the session ended
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.disabled"))
    assert entry.subject_id == verifier.id and entry.detail == "有効: はい → いいえ"
    assert hq.post(url, data={"csrf_token": token, "active": "1"}).status_code == 303
    assert client.get("/account/password").status_code == 302  # enabling does not revive it
    assert post("/login", {"login_id": "verifier", "password": "esurety-demo"}).status_code == 303


def test_a_verifier_of_another_orderer_is_404(login_as, post):
    login_as("hq")
    daisen, akita = _orderer("大仙市"), _orderer("秋田県")
    other = db.session.scalar(select(User).where(User.login_id == "verifier2"))
    assert other.orderer_id == akita.id
    response = post(f"/admin/orderers/{daisen.id}/verifiers/{other.id}/active", {"active": "0"})
    assert response.status_code == 404
    assert db.session.get(User, other.id).is_active
