"""The orderer's 発注者管理者 in Chromium: 職員管理 → a clerk added → the clerk sets a password
through the mailed link and logs in to a menu without the staff page."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from extensions import db
from models import OutboxMail
from tests.builders import link_in

pytestmark = pytest.mark.browser
PASSWORD = "omagari-no-hanabi-7"


def test_an_orderer_admin_adds_a_clerk_who_sets_a_password_by_link(page, world, log_in):
    log_in("verifier-admin")
    page.get_by_role("link", name="職員管理").click()
    expect(page.get_by_role("heading", name="職員管理：大仙市")).to_be_visible()
    page.get_by_role("link", name="職員の追加").click()
    page.get_by_label("ログインID").fill("daisen-kouji")
    page.get_by_label("氏名").fill("工事 四郎")
    page.get_by_label("メールアドレス").fill("kouji@city.example.jp")
    page.get_by_role("button", name="登録する").click()
    expect(page.get_by_text("kouji@city.example.jp 宛に、パスワード設定用のリンク")).to_be_visible()
    expect(page.get_by_role("cell", name="daisen-kouji")).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()

    mail = db.session.scalar(select(OutboxMail).where(OutboxMail.to == "kouji@city.example.jp"))
    page.goto(link_in(mail))
    page.get_by_label("新しいパスワード").fill(PASSWORD)
    page.get_by_label("確認のためもう一度").fill(PASSWORD)
    page.get_by_role("button", name="設定する").click()
    page.get_by_label("ログインID").fill("daisen-kouji")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    menu = page.get_by_role("navigation", name="メインメニュー")
    expect(menu.get_by_role("link", name="確認済み一覧")).to_be_visible()
    expect(page.get_by_role("link", name="職員管理")).to_have_count(0)
