"""The whole journey in Chromium, as three people do it: the applicant applies, the branch
issues, the mail arrives, the applicant takes number and key from the notice PDF, the
orderer opens the certificate, and the applicant sees when it was checked."""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from notifications.outbox import send_due
from tests.browser.conftest import ARTIFACTS
from tests.browser.steps import apply_for_both_guarantees

pytestmark = pytest.mark.browser
WORK = "市道全行程確認線道路改良工事"


def snapshot(page, step: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"journey-{step}.png", full_page=True)


def test_apply_issue_mail_notice_check(world, person, smtp_server, tmp_path):
    applicant = person("applicant")
    apply_for_both_guarantees(applicant, WORK)
    snapshot(applicant, "1-applied")

    branch = person("branch")
    branch.get_by_role("link", name="受付一覧").click()
    branch.get_by_role("row", name=WORK).get_by_role("link").first.click()
    branch.locator("#issue").get_by_label("上記の内容を確認しました").check()
    branch.get_by_role("button", name="保証を発行する").click()
    expect(branch.get_by_text("保証を発行しました")).to_be_visible()
    snapshot(branch, "2-issued")

    send_due()  # the mail worker's pass
    (arrived,) = [m for m in smtp_server.messages if WORK in m.get_body(("plain",)).get_content()]
    assert arrived["Subject"] == "電子保証（認証キー）発行完了のお知らせ"
    assert arrived["To"] == "soumu@example.co.jp"
    text = arrived.get_body(preferencelist=("plain",)).get_content()
    assert WORK in text and "http" not in text  # no key and no link in the mail

    # The applicant finds the key on Net Desk and downloads the notice PDF.
    applicant.get_by_role("link", name="保証契約一覧").click()
    applicant.get_by_role("link", name="電子保証(認証キー)").click()
    expect(applicant.locator("#contracts-tab")).to_contain_text(WORK)
    applicant.get_by_role("row", name=re.compile("前払")).filter(has_text=WORK).get_by_role(
        "link", name="詳細"
    ).click()
    with applicant.expect_download() as download:
        applicant.get_by_role("link", name="「認証キー」のお知らせ（PDF）").click()
    notice = tmp_path / "notice.pdf"
    download.value.save_as(notice)
    snapshot(applicant, "3-notice")
    text = PdfReader(notice).pages[0].extract_text()
    number = re.search(r"\d{5}-\d{6}", text).group()
    key = re.search(r"認証キー\s*([A-Za-z0-9]{4} [A-Za-z0-9]{4} [A-Za-z0-9]{4})", text).group(1)

    # The orderer types them as read (a hyphen in the key, a trailing space) and opens it.
    verifier = person("verifier")
    verifier.get_by_label("保証契約番号").fill(number + " ")
    verifier.get_by_label("認証キー").fill(f"{key[:6]}-{key[6:]} ")
    verifier.get_by_role("button", name="確認する").click()
    expect(verifier.get_by_role("heading", name="保証証券 (前払金保証)")).to_be_visible()
    expect(verifier.locator(".certificate")).to_contain_text(WORK)
    snapshot(verifier, "4-checked")

    # The applicant now sees when the certificate reached the orderer, and who checked it.
    applicant.reload()
    expect(applicant.get_by_text("（大仙市）")).to_be_visible()
    snapshot(applicant, "5-confirmed")
