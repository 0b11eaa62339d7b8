"""The whole journey by keyboard alone (Tab, typing, Space, arrows, Enter; never a click):
log in, fill the application, see the error summary, confirm, send; then the orderer's
lookup. axe checks each state reached on the way."""

import re

import pytest
from playwright.sync_api import Page, expect

from operations.keys import reveal_key
from tests.browser.accessibility import assert_accessible
from tests.browser.steps import PASSWORD
from tests.builders import electronic_contract

pytestmark = pytest.mark.browser


def _tab_to(page: Page, selector: str, limit: int = 150) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def _type(page: Page, selector: str, text: str) -> None:
    _tab_to(page, selector)
    page.keyboard.type(text)


def _date(page: Page, selector: str, iso: str) -> None:
    """A date field, typed digit by digit in the order its segments show (headless Chromium
    shows mm/dd/yyyy whatever the page's language)."""
    _tab_to(page, selector)
    year, month, day = iso.split("-")
    page.keyboard.type(month + day + year)
    expect(page.locator(selector)).to_have_value(iso)


def _choose(page: Page, selector: str, label: str) -> None:
    """A select, moved with the arrow keys until it shows `label`."""
    _tab_to(page, selector)
    shown = "(s) => { const e = document.querySelector(s); return e.selectedOptions[0].text; }"
    for _ in range(30):
        if page.evaluate(shown, selector) == label:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{label} not in {selector}")


def _pick(page: Page, name: str, option_id: str) -> None:
    """A radio of group `name`: Tab into the group, then the arrow keys to the option."""
    _tab_to(page, f"[name='{name}']")
    page.keyboard.press("Space")
    for _ in range(5):
        if page.locator(f"#{option_id}").is_checked():
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{option_id} never chosen")


def _press_space_on(page: Page, selector: str) -> None:
    _tab_to(page, selector)
    page.keyboard.press("Space")


def test_an_application_and_a_lookup_by_keyboard_alone(app, page, world):
    page.goto("/login")
    _type(page, "#login_id", "applicant")
    _type(page, "#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/applicant/"))
    assert_accessible(page)

    page.goto("/applicant/applications/new")
    _tab_to(page, ".skip-link")  # the first stop of every page
    page.keyboard.press("Enter")
    _choose(page, "#orderer_id", "大仙市")
    _type(page, "#work_name", "市道キーボード線工事")
    page.keyboard.press("Enter")  # too early: the form is refused with its summary
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile("^入力エラー：申込の作成"))
    assert_accessible(page)

    _type(page, "#contract_price", "50,000,000")
    _date(page, "#work_start", "2026-12-01")
    _date(page, "#work_end", "2027-09-30")
    _date(page, "#contract_date", "2026-11-20")
    _date(page, "#announcement_date", "2026-10-15")
    _press_space_on(page, "#advance-requested")
    # 電子保証 becomes possible once the 入札公告日 is read (the choice is swapped in)
    expect(page.locator("#advance-certificate_form-1")).to_be_enabled()
    _pick(page, "advance-certificate_form", "advance-certificate_form-1")
    _tab_to(page, "[data-fill-amount='advance-amount']")  # 上限額を入力
    page.keyboard.press("Enter")
    expect(page.locator("#advance-amount")).to_have_value("20,000,000")
    expect(page.locator("#advance-amount")).to_be_focused()
    expect(page.locator("#advance-amount-yen")).to_have_text("20,000,000円")
    expect(page.locator("#ratio-advance .ratio-value")).to_have_text("40.0%")
    _type(page, "#advance-deposit_bank", "秋田中央銀行　大曲支店")
    _pick(page, "advance-wants_fee_statement", "advance-wants_fee_statement-1")  # 希望しない
    _choose(page, "#branch_id", "秋田支店")
    _type(page, "#contact_name", "鍵盤 太郎")
    _type(page, "#contact_phone", "0187-00-0000")
    assert_accessible(page)
    _tab_to(page, "button.primary[value=confirm]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("申込確認"))).to_be_visible()
    assert_accessible(page)
    _tab_to(page, "#send button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="送信完了")).to_be_visible()
    assert_accessible(page)

    with app.app_context():
        contract = electronic_contract()
        number, key = contract.number, reveal_key(contract)
    page.context.clear_cookies()
    page.goto("/login")
    _type(page, "#login_id", "verifier")
    _type(page, "#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/verifier/"))
    assert_accessible(page)
    _type(page, "#number", number)
    _type(page, "#key", key)
    expect(page.locator("#key")).to_have_value(f"{key[:4]} {key[4:8]} {key[8:]}")
    page.keyboard.press("Enter")
    expect(page.locator(".certificate")).to_contain_text(number)
    assert_accessible(page)
    _tab_to(page, "a[href$='?print=1']")  # 印刷用の表示, a plain link
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="保証証券（印刷用の表示）")).to_be_visible()
    expect(page.locator(".print-facts")).to_contain_text("印刷日時")
    assert_accessible(page)
