"""A 増額 (変更-1) then a 訂正 of it, seen in Chromium: the orderer and the contractor see 変更-1
with the corrected content, and 「訂正」 nowhere (the changes are made through the operations;
the branch's change form is tested on its own)."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from domain.changes import RequestedChange, VersionKind
from domain.kinds import GuaranteeKind
from extensions import db
from models import GuaranteeContract, User
from operations.contract_changes import change_contract
from operations.keys import reveal_key

pytestmark = pytest.mark.browser

#: The seed's note on the history, the only place the word may stand.
HELP = re.compile("訂正[、・]変更取消された履歴")


def _increase_then_correct(app) -> tuple[str, str, int]:
    with app.test_request_context():
        branch = db.session.scalar(select(User).where(User.login_id == "branch"))
        contract = db.session.scalar(
            select(GuaranteeContract)
            .where(
                GuaranteeContract.kind == GuaranteeKind.CONTRACT,
                GuaranteeContract.key_digest.is_not(None),
            )
            .order_by(GuaranteeContract.id)
            .limit(1)
        )
        increase = RequestedChange(VersionKind.INCREASE, new_amount=3_000_000)
        change_contract(branch, contract, contract.revision, increase)
        db.session.commit()
        correction = RequestedChange(
            VersionKind.CORRECTION, new_amount=2_900_000, new_end=contract.guarantee_end
        )
        change_contract(branch, contract, contract.revision, correction, reason="誤記訂正")
        db.session.commit()
        return contract.number, reveal_key(contract), contract.id


def test_the_orderer_sees_the_corrected_change_under_its_own_label(app, page, world, log_in):
    number, key, contract_id = _increase_then_correct(app)
    log_in("verifier")
    page.get_by_label("保証契約番号").fill(number)
    page.get_by_label("認証キー").fill(key)
    page.get_by_role("button", name="確認する").click()
    certificate = page.locator(".certificate")
    expect(certificate).to_contain_text("2,900,000円")
    expect(certificate.locator(".certificate-version")).to_have_text("変更-1")
    expect(page.locator("main")).to_contain_text("表示中の版")
    text = HELP.sub("", page.locator("main").inner_text())
    assert "訂正" not in text and "3,000,000円" not in text
    assert re.search(r"\d{4}/\d\d/\d\d \d\d:\d\d\t変更-1\t表示中", text)  # 変更-1 stamped

    page.get_by_role("button", name="ログアウト").click()
    log_in("applicant")
    page.goto(f"/applicant/contracts/{contract_id}")
    history = HELP.sub("", page.locator("main").inner_text())
    assert "変更-1" in history and "訂正" not in history
    page.get_by_role("link", name="選択").last.click()
    expect(page.locator(".certificate")).to_contain_text("2,900,000円")
    assert "訂正" not in HELP.sub("", page.locator("main").inner_text())
