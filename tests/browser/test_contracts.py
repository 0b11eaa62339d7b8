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
    grouped = re.compile(r"^[A-Za-z0-9]{4} [A-Za-z0-9]{4} [A-Za-z0-9]{4}$")  # monospace, 4-4-4
    expect(page.locator("#authentication-key")).to_have_text(grouped)


def test_the_tab_stays_chosen_through_search_reload_and_history(page, world, log_in):
    log_in("applicant")
    page.get_by_role("link", name="保証契約一覧").first.click()
    tabs = page.get_by_role("navigation", name="表示の切り替え")
    first, keys = (
        tabs.get_by_role("link", name="保証契約一覧"),
        tabs.get_by_role("link", name="電子保証(認証キー)"),
    )
    expect(first).to_have_attribute("aria-current", "page")
    page.evaluate("window.sameDocument = true")

    keys.click()
    expect(keys).to_have_attribute("aria-current", "page")
    expect(first).not_to_have_attribute("aria-current", "page")
    expect(page).to_have_url(re.compile(r"tab=keys"))
    assert page.evaluate("window.sameDocument") is True  # swapped by htmx, not reloaded

    page.get_by_label("工事名・保証契約番号").fill("存在しない工事")
    page.get_by_role("button", name="検索").click()
    expect(page).to_have_url(re.compile(r"tab=keys.*q=|q=.*tab=keys"))
    expect(keys).to_have_attribute("aria-current", "page")
    expect(page.locator("#contracts-tab")).to_contain_text("該当する保証契約はありません。")

    page.reload()
    expect(keys).to_have_attribute("aria-current", "page")
    expect(page.get_by_label("工事名・保証契約番号")).to_have_value("存在しない工事")

    page.go_back()
    expect(page).not_to_have_url(re.compile(r"q="))
    expect(keys).to_have_attribute("aria-current", "page")
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"tab="))
    expect(first).to_have_attribute("aria-current", "page")
    expect(keys).not_to_have_attribute("aria-current", "page")
