"""An applicant fills in the Net Desk form in Chromium: live ratio, confirm, send."""

import pytest
from playwright.sync_api import expect

from tests.browser.steps import apply_for_both_guarantees, log_in

pytestmark = pytest.mark.browser


def test_ratio_appears_while_typing_then_confirm_and_send(page, world):
    log_in(page, "applicant")
    apply_for_both_guarantees(page, "市道テスト線舗装工事")
    expect(page.get_by_text("秋田支店").first).to_be_visible()
    page.get_by_role("link", name="申込一覧へ").click()
    expect(page.get_by_text("市道テスト線舗装工事")).to_be_visible()
