"""A change made on the branch's contract page reaches the orderer as 変更-1 (Chromium)."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from extensions import db
from models import GuaranteeContract
from operations.keys import reveal_key

pytestmark = pytest.mark.browser


def test_an_increase_made_on_the_page_is_what_the_orderer_sees(app, page, world, log_in):
    with app.test_request_context():
        contract = db.session.scalar(
            select(GuaranteeContract)
            .where(GuaranteeContract.key_digest.is_not(None))
            .order_by(GuaranteeContract.id)
            .limit(1)
        )
        number, key = contract.number, reveal_key(contract)
    log_in("branch")
    page.get_by_role("link", name="保証契約一覧").click()
    page.get_by_role("link", name=number).click()
    page.get_by_label("増額", exact=True).check()
    page.get_by_label("変更後の保証金額").fill("12,000,000")
    page.get_by_label("変更後の請負金額").fill("30,000,000")
    page.get_by_role("button", name="変更を発行する").click()
    expect(page.get_by_role("alert").or_(page.locator(".flash")).first).to_contain_text(
        "変更-1（増額）を発行しました。"
    )
    page.get_by_role("button", name="ログアウト").click()

    log_in("verifier")
    page.get_by_label("保証契約番号").fill(number)
    page.get_by_label("認証キー").fill(key)
    page.get_by_role("button", name="確認する").click()
    certificate = page.locator(".certificate")
    expect(certificate).to_contain_text("変更-1")
    expect(certificate).to_contain_text("12,000,000円")
    expect(certificate).to_contain_text("30,000,000円")
