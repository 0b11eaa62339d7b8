"""確認記録票 in Chromium: the clerk opens a certificate with number and key, runs a 照合,
downloads the record, and an anonymous visitor confirms its code on /verify-record."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from operations.keys import reveal_key
from tests.builders import electronic_contract

pytestmark = pytest.mark.browser


def test_the_clerk_files_a_record_and_a_stranger_confirms_it(
    app, browser, live_server, world, log_in, page
):
    with app.test_request_context():
        contract = electronic_contract()
        number, key, price = contract.number, reveal_key(contract), contract.contract_price
    log_in("verifier")
    page.get_by_label("保証契約番号").fill(number)
    page.get_by_label("認証キー").fill(key)
    page.get_by_role("button", name="確認する").click()
    expect(page.locator(".certificate")).to_contain_text(number)

    page.get_by_label("請負金額").fill(f"{price:,}")
    page.get_by_role("button", name="照合する").click()
    expect(page.get_by_text("入力した項目はすべて保証証券と一致しています。")).to_be_visible()
    with page.expect_download() as downloading:
        page.get_by_role("button", name="確認記録票をダウンロード").click()
    download = downloading.value
    assert download.suggested_filename.startswith(f"確認記録票_{number}_")
    with open(download.path(), "rb") as pdf:
        text = "".join(PdfReader(io.BytesIO(pdf.read())).pages[0].extract_text().split())
    assert "請負金額一致" in text and "確認者確認大仙" in text
    code = re.search(r"[A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}", text).group()

    stranger = browser.new_context(base_url=live_server, locale="ja-JP")
    anonymous = stranger.new_page()
    anonymous.goto("/")
    anonymous.get_by_role("link", name="確認記録票の照合").click()
    anonymous.get_by_label("確認コード").fill(code.lower())
    anonymous.get_by_role("button", name="照合する").click()
    expect(
        anonymous.get_by_text("この確認記録票は、当サービスの確認記録と一致します。")
    ).to_be_visible()
    expect(anonymous.locator("#verified")).to_contain_text(number)
    expect(anonymous.locator("#verified")).not_to_contain_text("確認 大仙")
    stranger.close()
