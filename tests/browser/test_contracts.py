"""The applicant's 保証契約一覧 in Chromium: the tabs switch without a reload."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_tabs_switch_without_a_reload_and_the_detail_shows_the_key(page, world, log_in):
    log_in("applicant")
    page.get_by_role("link", name="保証契約一覧").click()
    page.evaluate("window.sameDocument = true")
    page.get_by_role("link", name="電子保証履歴一覧").click()
    expect(page.locator("#contracts-tab")).to_contain_text("未確認")
    expect(page).to_have_url(re.compile(r"tab=history"))
    assert page.evaluate("window.sameDocument") is True  # swapped by htmx, not reloaded
    page.get_by_role("link", name="電子保証(認証キー)").click()
    page.get_by_role("link", name="詳細").first.click()
    expect(page.locator("#authentication-key")).to_have_text(re.compile(r"^[A-Za-z0-9]{12}$"))
