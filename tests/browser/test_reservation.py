"""契約保証予約 in Chromium: the applicant applies (paper only), the branch issues it with a
予約番号, the applicant converts it after the award into a 契約保証 that keeps the work's facts;
the 予約手数料 statement shows the consumption tax, a guarantee fee statement shows none."""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser
WORK = "市道入札予約線道路改良工事"


def pdf_text(page, link_name: str, tmp_path) -> str:
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name).first.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return "".join(PdfReader(path).pages[0].extract_text().split())


def test_a_reservation_is_applied_for_issued_and_converted(world, person, tmp_path):
    applicant = person("applicant")
    applicant.get_by_role("link", name="契約保証予約の作成").first.click()
    expect(applicant.locator("#paper-only")).to_contain_text("電子交付")
    applicant.get_by_label("発注者").select_option(label="大仙市")
    applicant.get_by_label("工事名").fill(WORK)
    applicant.get_by_label("工事場所").fill("大仙市大曲地内")
    applicant.get_by_label("入札金額").fill("30,000,000")
    applicant.get_by_label("工期（着工予定日）").fill("2027-01-10")
    applicant.get_by_label("工期（完成予定日）").fill("2027-06-30")
    applicant.get_by_label("入札公告日").fill("2026-11-10")
    applicant.get_by_label("予約する契約保証金額").fill("3,000,000")
    applicant.get_by_label("申込送信先").select_option(label="秋田支店")
    applicant.get_by_label("担当者名").fill("申込 花子")
    applicant.get_by_label("連絡先電話番号").fill("0187-00-0000")
    applicant.get_by_role("button", name="申込確認へ").click()
    expect(applicant.get_by_role("heading", name=re.compile("申込確認"))).to_be_visible()
    applicant.get_by_role("button", name="送信する").click()
    expect(applicant.get_by_role("heading", name="送信完了")).to_be_visible()

    branch = person("branch")
    branch.get_by_role("link", name="受付一覧").click()
    branch.get_by_role("row", name=WORK).get_by_role("link").first.click()
    expect(branch.get_by_text("消費税額（10%）")).to_be_visible()
    branch.locator("#issue").get_by_label("上記の内容を確認しました").check()
    branch.get_by_role("button", name="予約を発行する").click()
    expect(branch.get_by_text("契約保証予約を発行しました")).to_be_visible()
    number = branch.locator("#issued-reservation").inner_text()
    assert re.fullmatch(r"予\d{5}-\d{6}", number)
    certificate = pdf_text(branch, "契約保証予約証書（PDF）", tmp_path)
    assert "契約保証予約証書" in certificate and number in certificate and WORK in certificate

    applicant.get_by_role("link", name="申込一覧").first.click()
    applicant.get_by_role("row", name=WORK).get_by_role("link").first.click()
    expect(applicant.locator("#reservation-number")).to_have_text(number)
    statement = pdf_text(applicant, "予約手数料計算書（PDF）", tmp_path)
    assert "消費税額（10%）" in statement and "500円" in statement and "5,500円" in statement

    applicant.get_by_role("button", name="契約保証へ切替").click()
    expect(applicant.get_by_text("から契約保証の申込を作成しました")).to_be_visible()
    expect(applicant.get_by_label("工事名")).to_have_value(WORK)
    expect(applicant.get_by_label("請負金額")).to_have_value(re.compile(r"30,?000,?000"))
    expect(applicant.get_by_label("工期（完成日）")).to_have_value("2027-06-30")
    expect(applicant.get_by_label("契約保証を申し込む")).to_be_checked()
    expect(applicant.locator("#block-contract").get_by_label("契約保証金額")).to_have_value(
        re.compile(r"3,?000,?000")
    )
    applicant.get_by_label("請負契約日").fill("2026-12-20")
    applicant.get_by_role("button", name="下書き保存").click()
    expect(applicant.get_by_text("下書きを保存しました")).to_be_visible()
    applicant.get_by_role("link", name="申込一覧").first.click()
    applicant.get_by_role("row", name=WORK).filter(has_text="契約").get_by_role(
        "link"
    ).first.click()
    expect(applicant.locator("#converted-from")).to_contain_text(number)


def test_a_guarantee_fee_statement_shows_no_tax(world, person, tmp_path):
    applicant = person("applicant")
    applicant.goto("/applicant/fee-statements")
    statement = pdf_text(applicant, re.compile(r"^保証料計算書 .*（PDF）$"), tmp_path)
    assert "保証料計算書" in statement and "消費税額" not in statement
