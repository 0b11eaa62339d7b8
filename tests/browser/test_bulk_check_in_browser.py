"""一括確認 in Chromium with htmx: a refused file's message and the result reach the screen
in place, and the indicator shows while the upload runs."""

import pytest
from playwright.sync_api import expect

from operations.keys import reveal_key
from tests.builders import electronic_contract

pytestmark = pytest.mark.browser


def test_a_refused_file_then_a_checked_one_show_in_place(app, page, world, log_in, tmp_path):
    with app.test_request_context():
        contract = electronic_contract()
        number, key = contract.number, reveal_key(contract)
    log_in("verifier")
    page.goto("/verifier/bulk")
    page.evaluate("window.stayed = true")  # lost if the form reloaded the whole page
    bad = tmp_path / "bad.csv"
    bad.write_text("番号だけ\n", encoding="utf-8")
    page.get_by_label("確認する CSV ファイル").set_input_files(bad)
    page.get_by_role("button", name="確認する", exact=True).click()
    expect(page.locator("#csv-errors")).to_contain_text("列の数が正しくありません")
    expect(page.locator("h1")).to_have_count(1)  # the panel was swapped, not a page inside it
    assert page.evaluate("window.stayed === true")

    good = tmp_path / "good.csv"
    good.write_bytes(f"{number},{key}\r\n".encode("cp932"))
    page.get_by_label("確認する CSV ファイル").set_input_files(good)
    page.get_by_role("button", name="確認する", exact=True).click()
    expect(page.locator("#bulk-result")).to_contain_text("1行を確認しました")
    assert page.evaluate("window.stayed === true")
    with page.expect_download() as download:
        page.get_by_role("link", name="結果の CSV をダウンロード").click()
    assert "確認できました" in download.value.path().read_bytes().decode("utf-8-sig")
