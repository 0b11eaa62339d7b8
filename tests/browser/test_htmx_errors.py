"""htmx answers that are not a success reach the screen: a refused form (422) swaps with its
messages beside the fields; a server error (5xx) or a lost connection shows a clear message."""

import re

import pytest
from playwright.sync_api import expect

from operations.keys import reveal_key
from tests.builders import electronic_contract

pytestmark = pytest.mark.browser

SERVER_ERROR = "サーバーでエラーが発生しました"


def _open_a_certificate(app, page, log_in):
    with app.test_request_context():
        contract = electronic_contract()
        number, key = contract.number, reveal_key(contract)
    log_in("verifier")
    page.get_by_label("保証契約番号").fill(number)
    page.get_by_label("認証キー").fill(key)
    page.get_by_role("button", name="確認する").click()
    expect(page.locator(".certificate")).to_contain_text(number)


def test_a_typo_in_the_cross_check_shows_its_message_beside_the_field(app, page, world, log_in):
    _open_a_certificate(app, page, log_in)
    page.evaluate("window.sameDocument = true")
    check = page.locator("#cross-check")
    check.get_by_label("請負金額").fill("5千万")
    check.get_by_role("button", name="照合する").click()
    expect(page.locator("#field-contract_price .error")).to_be_visible()
    expect(page.locator("#contract_price")).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("window.sameDocument") is True  # swapped by htmx, not reloaded
    expect(page.locator("#request-error")).to_be_hidden()


def test_a_field_check_on_the_application_form_shows_its_message(page, world, log_in):
    log_in("applicant")
    page.get_by_role("link", name="申込の作成").first.click()
    with page.expect_response(re.compile(r"/form/check$")) as answer:
        page.get_by_label("請負金額").fill("abc")
        page.get_by_label("請負金額").blur()
    assert answer.value.status == 422
    expect(page.locator("#contract_price-errors .error")).to_be_visible()
    price = page.locator("#contract_price")
    expect(price).to_have_attribute("aria-invalid", "true")  # and its border: .has-error
    expect(page.locator("#field-contract_price")).to_have_class(re.compile("has-error"))
    assert "contract_price-errors" in price.get_attribute("aria-describedby")
    with page.expect_response(re.compile(r"/form/check$")) as answer:
        price.fill("50,000,000")
        price.blur()
    assert answer.value.status == 200
    expect(price).not_to_have_attribute("aria-invalid", "true")  # fixed: said no longer
    expect(page.locator("#field-contract_price")).not_to_have_class(re.compile("has-error"))
    expect(page.locator("#contract_price-yen")).to_have_text("50,000,000円")


def test_a_server_error_shows_a_clear_message_and_the_next_success_clears_it(
    app, page, world, log_in
):
    _open_a_certificate(app, page, log_in)
    page.route(
        re.compile(r"/cross-check$"),
        lambda route: route.fulfill(status=500, content_type="text/html", body="<h1>500</h1>"),
    )
    check = page.locator("#cross-check")
    check.get_by_label("工事名").fill("何かの工事")
    check.get_by_role("button", name="照合する").click()
    expect(page.locator("#request-error")).to_be_visible()
    expect(page.locator("#request-error")).to_contain_text(SERVER_ERROR)
    expect(page.locator("#cross-check")).not_to_contain_text("500")  # nothing swapped

    page.unroute(re.compile(r"/cross-check$"))
    check.get_by_role("button", name="照合する").click()
    expect(page.locator("#cross-check [role=status]")).to_be_visible()
    expect(page.locator("#request-error")).to_be_hidden()


def test_a_lost_connection_shows_a_clear_message(app, page, world, log_in):
    _open_a_certificate(app, page, log_in)
    page.route(re.compile(r"/cross-check$"), lambda route: route.abort("connectionrefused"))
    page.locator("#cross-check").get_by_role("button", name="照合する").click()
    expect(page.locator("#request-error")).to_contain_text("接続できませんでした")
