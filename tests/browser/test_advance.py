"""The advance from its deposit to a withdrawal in Chromium: the contractor declares the uses
(rows added and removed by htmx), the branch accepts them, the contractor records the deposit,
prepares a 払出依頼書 (refused beyond the use; its PDF dated in Japan time), records it paid."""

import re
import subprocess
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from tests.browser import steps

pytestmark = pytest.mark.browser

#: 01:30 on 2026-11-26 in Japan, still the 25th in UTC: the PDF must carry the 26th.
EARLY_MORNING_IN_JAPAN = datetime(2026, 11, 25, 16, 30, tzinfo=UTC)


def test_from_declared_uses_to_a_paid_withdrawal(
    page, browser, live_server, contract, clock, tmp_path
):
    clock.now = EARLY_MORNING_IN_JAPAN
    steps.log_in(page, "applicant")
    page.goto(f"/applicant/contracts/{contract.id}")
    page.get_by_role("link", name="前払金の使途・払出依頼書").click()
    page.get_by_role("link", name="使途内訳明細書を作成する").click()

    page.evaluate("window.sameDocument = true")
    page.get_by_label("使途（1行目）").select_option("materials")
    page.get_by_label("金額（1行目）").fill("6,000,000")
    page.get_by_role("button", name="行を追加").click()
    expect(page.get_by_label("使途（2行目）")).to_be_visible()
    page.get_by_role("button", name="行を追加").click()
    expect(page.get_by_label("使途（3行目）")).to_be_visible()
    page.get_by_role("button", name="3行目を削除").click()
    expect(page.get_by_label("使途（3行目）")).to_have_count(0)
    assert page.evaluate("window.sameDocument") is True  # swapped by htmx, not reloaded
    expect(page.get_by_label("金額（1行目）")).to_have_value("6,000,000")
    page.get_by_label("使途（2行目）").select_option("undecided")
    page.get_by_label("金額（2行目）").fill("3,600,000")
    page.get_by_label("金額（2行目）").blur()
    expect(page.locator("#use-total")).to_have_text("9,600,000円")  # added up on the server
    page.get_by_role("button", name="支店へ提出する").click()
    expect(page.get_by_text("支店に提出しました")).to_be_visible()

    branch_context = browser.new_context(base_url=live_server, locale="ja-JP")
    branch = branch_context.new_page()
    steps.log_in(branch, "branch")
    branch.goto(f"/branch/contracts/{contract.id}")
    branch.get_by_role("link", name="前払金の使途").click()
    expect(branch.locator("#review")).to_contain_text("6,000,000円")
    branch.get_by_role("button", name="承諾する").click()
    expect(branch.get_by_text("を承諾しました")).to_be_visible()
    branch_context.close()

    page.reload()
    expect(page.locator("#statement-versions")).to_contain_text("承諾済")
    page.get_by_label("受入日").fill("2026-11-20")
    page.get_by_label("受入金額").fill("9,600,000")
    page.get_by_role("button", name="受入を記録する").click()
    expect(page.locator("#balance")).to_have_text("9,600,000円")

    page.get_by_role("link", name="払出依頼書を作成する").click()
    page.get_by_label("払出先（支払先）").fill("秋田資材株式会社")
    page.get_by_label("使途").select_option("materials")
    page.get_by_label("金額").fill("6,500,000")
    page.get_by_role("button", name="払出依頼書を作成する").click()
    expect(page.locator("#amount-errors")).to_have_text(
        "材料費の残額（6,000,000円）を超えています。"
    )
    page.get_by_label("金額").fill("2,000,000")
    page.get_by_role("button", name="払出依頼書を作成する").click()
    expect(page.get_by_text("払出依頼書 No.1 を作成しました")).to_be_visible()
    expect(page.locator("#available")).to_have_text("7,600,000円")

    with page.expect_download() as downloading:
        page.get_by_role("link", name="払出依頼書 No.1（PDF）").click()
    pdf = tmp_path / "withdrawal.pdf"
    downloading.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    for expected in (
        "前払金払出依頼書",
        "秋田資材株式会社",
        "材料費",
        "2,000,000円",
        "作成日令和8年11月26日",
    ):
        assert expected in flat, expected

    page.get_by_role("button", name="払出依頼書 No.1 を払出済にする").click()
    expect(page.get_by_text("払出済にしました")).to_be_visible()
    expect(page.locator("#balance")).to_have_text("7,600,000円")
    expect(page.locator("#paid-total")).to_have_text("2,000,000円")
    expect(page.locator("#use-materials")).to_contain_text("4,000,000円")
