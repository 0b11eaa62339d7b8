"""An applicant fills in the Net Desk form in Chromium: live ratio, confirm, send."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_ratio_appears_while_typing_then_confirm_and_send(page, world, log_in):
    log_in("applicant")
    page.get_by_role("link", name="申込の作成").first.click()

    page.get_by_label("発注者").select_option(label="大仙市")
    page.get_by_label("工事名").fill("市道テスト線舗装工事")
    page.get_by_label("請負金額").fill("50,000,000")
    page.get_by_label("工期（着工日）").fill("2026-12-01")
    page.get_by_label("工期（完成日）").fill("2027-09-30")
    page.get_by_label("請負契約日").fill("2026-11-20")
    page.get_by_label("入札公告日").fill("2026-10-15")

    page.get_by_label("前払金保証を申し込む", exact=True).check()
    advance = page.locator("#block-advance")
    advance.get_by_label("電子保証(認証キーを含む)").check()
    advance.get_by_label("前払金保証金額", exact=True).fill("20,000,000")
    expect(page.locator("#ratio-advance")).to_have_text("40.0%")  # swapped in, no reload
    advance.get_by_label("預託金融機関(全角)").fill("秋田中央銀行　大曲支店")
    advance.get_by_label("希望しない").check()

    page.get_by_label("契約保証を申し込む").check()
    contract = page.locator("#block-contract")
    contract.get_by_label("電子保証(認証キーを含む)").check()
    contract.get_by_label("契約保証金額").fill("5,000,000")
    expect(page.locator("#ratio-contract")).to_have_text("10.0%")
    contract.get_by_label("希望しない").check()

    page.get_by_label("申込送信先").select_option(label="秋田支店")
    page.locator("#section-information").get_by_label("希望する").check()
    page.get_by_label("メールアドレス").fill("soumu@example.co.jp")
    page.get_by_label("担当者名").fill("申込 花子")
    page.get_by_label("連絡先電話番号").fill("0187-00-0000")

    page.get_by_role("button", name="申込確認へ").click()
    expect(page.get_by_role("heading", name=re.compile("申込確認"))).to_be_visible()
    expect(page.get_by_text("市道テスト線舗装工事")).to_be_visible()
    page.get_by_role("button", name="送信する").click()

    expect(page.get_by_role("heading", name="送信完了")).to_be_visible()
    expect(page.get_by_text("秋田支店").first).to_be_visible()
    page.get_by_role("link", name="申込一覧へ").click()
    expect(page.get_by_text("市道テスト線舗装工事")).to_be_visible()
