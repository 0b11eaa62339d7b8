"""The orderer's desk in one sitting, in Chromium: the contractor submits from the 電子保証概要,
the clerk opens it from the 提出受付一覧, the contractor's 確認 mail reaches a real SMTP server,
the clerk files the 確認記録票, and an anonymous visitor confirms its code on /verify-record."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from extensions import db
from notifications.outbox import send_due

pytestmark = pytest.mark.browser


def test_a_submission_is_received_opened_told_filed_and_confirmed(
    browser, live_server, page, log_in, contract, smtp_server
):
    orderer = contract.application.orderer
    orderer.accepts_submission_in_service = True
    number, contract_id = contract.number, contract.id
    db.session.commit()

    log_in("applicant")
    page.goto(f"/applicant/contracts/{contract_id}")
    page.get_by_role("button", name="発注者へ提出").click()
    expect(page.locator("#submission-status")).to_contain_text("未確認")
    page.get_by_role("button", name="ログアウト").click()

    log_in("verifier")
    page.get_by_role("link", name="提出受付一覧").click()
    page.locator("#inbox tbody tr", has_text=number).get_by_role("button", name="開く").click()
    expect(page.locator(".certificate")).to_contain_text(number)

    send_due()
    subjects = [message["Subject"] for message in smtp_server.messages]
    assert any("大仙市が電子保証を確認しました" in subject for subject in subjects), subjects

    with page.expect_download() as downloading:
        page.get_by_role("button", name="確認記録票をダウンロード").click()
    with open(downloading.value.path(), "rb") as pdf:
        text = "".join(PdfReader(io.BytesIO(pdf.read())).pages[0].extract_text().split())
    code = re.search(r"[A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}", text).group()

    stranger = browser.new_context(base_url=live_server, locale="ja-JP")
    anonymous = stranger.new_page()
    anonymous.goto("/verify-record")
    anonymous.get_by_label("確認コード").fill(code)
    anonymous.get_by_role("button", name="照合する").click()
    expect(anonymous.locator("#verified")).to_contain_text(number)
    stranger.close()
