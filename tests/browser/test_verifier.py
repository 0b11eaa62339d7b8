"""The orderer in Chromium: lookup → certificate → the print view shows the certificate alone."""

import pytest
from playwright.sync_api import expect

from operations.keys import reveal_key
from tests.builders import electronic_contract

pytestmark = pytest.mark.browser


def test_lookup_certificate_and_print_view(app, page, world, log_in):
    with app.test_request_context():
        contract = electronic_contract()
        number, key = contract.number, reveal_key(contract)
    log_in("verifier")
    page.get_by_label("保証契約番号").fill(f" {number} ")
    page.get_by_label("認証キー").fill(f"{key[:4]}-{key[4:8]}-{key[8:]}")
    page.get_by_role("button", name="確認する").click()
    expect(page.locator(".certificate")).to_contain_text(number)
    expect(page.get_by_role("button", name="印刷")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.locator(".certificate")).to_be_visible()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="印刷")).to_be_hidden()
    expect(page.locator(".print-only .print-facts")).to_contain_text("印刷日時")
    expect(page.locator("#cross-check")).to_be_hidden()


def test_the_key_is_typed_in_plain_sight_grouped_and_a_slip_is_told(app, page, world, log_in):
    with app.test_request_context():
        contract = electronic_contract()
        number, key = contract.number, reveal_key(contract)
    log_in("verifier")
    field = page.get_by_label("認証キー")
    expect(field).to_have_attribute("type", "text")
    page.get_by_label("保証契約番号").fill(number)
    field.press_sequentially(key)
    expect(field).to_have_value(f"{key[:4]} {key[4:8]} {key[8:]}")  # grouped while typed
    slip = ("a" if key[0] != "a" else "b") + key[1:]
    field.fill(slip)
    page.get_by_role("button", name="確認する").click()
    expect(page.get_by_role("alert")).to_contain_text("認証キーの入力に誤りがあるようです")
    expect(page.get_by_label("認証キー")).to_have_value("")  # the key typed is not echoed
