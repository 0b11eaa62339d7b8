"""What people do in the browser, step by step, shared by the journeys."""

import re

from playwright.sync_api import Page, expect

PASSWORD = "esurety-demo"


def log_in(page: Page, login_id: str) -> None:
    """Log in through the login page."""
    page.goto("/login")
    page.get_by_label("ログインID").fill(login_id)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()


def apply_for_both_guarantees(page: Page, work_name: str) -> None:
    """As a logged-in applicant: 大仙市, 前払金保証 and 契約保証 as 電子保証, mail wanted; sent."""
    page.get_by_role("link", name="申込の作成").first.click()
    page.get_by_label("発注者").select_option(label="大仙市")
    page.get_by_label("工事名").fill(work_name)
    page.get_by_label("請負金額").fill("50,000,000")
    page.get_by_label("工期（着工日）").fill("2026-12-01")
    page.get_by_label("工期（完成日）").fill("2027-09-30")
    page.get_by_label("請負契約日").fill("2026-11-20")
    page.get_by_label("入札公告日").fill("2026-10-15")

    page.get_by_label("前払金保証を申し込む", exact=True).check()
    advance = page.locator("#block-advance")
    advance.get_by_label("電子保証(認証キーを含む)").check()
    advance.get_by_label(re.compile(r"^前払金保証金額")).fill("20,000,000")
    expect(page.locator("#ratio-advance .ratio-value")).to_have_text(
        "40.0%"
    )  # swapped in, no reload
    advance.get_by_label("預託金融機関(全角)").fill("秋田中央銀行　大曲支店")
    advance.get_by_label("希望しない").check()

    page.get_by_label("契約保証を申し込む").check()
    contract = page.locator("#block-contract")
    contract.get_by_label("電子保証(認証キーを含む)").check()
    contract.get_by_label("契約保証金額").fill("5,000,000")
    expect(page.locator("#ratio-contract .ratio-value")).to_have_text("10.0%")
    contract.get_by_label("希望しない").check()

    page.get_by_label("申込送信先").select_option(label="秋田支店")
    page.locator("#section-information").get_by_label("希望する", exact=True).check()
    page.get_by_label("メールアドレス").fill("soumu@example.co.jp")
    page.get_by_label("担当者名").fill("申込 花子")
    page.get_by_label("連絡先電話番号").fill("0187-00-0000")

    page.get_by_role("button", name="申込確認へ").click()
    expect(page.get_by_role("heading", name=re.compile("申込確認"))).to_be_visible()
    expect(page.get_by_text(work_name)).to_be_visible()
    page.get_by_role("button", name="送信する").click()
    expect(page.get_by_role("heading", name="送信完了")).to_be_visible()
