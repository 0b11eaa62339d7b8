"""The applicant's contracts: the list and its tabs, the detail with the key, the 保証証券,
and the PDFs (key notice, certificate, fee statements)."""

import io
import subprocess
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from domain.changes import RequestedChange, VersionKind
from domain.identifiers import key_groups
from extensions import db
from models import StoredDocument, VersionConfirmation
from operations.contract_changes import change_contract
from operations.keys import reveal_key
from tests.conftest import ISSUED_WORK

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def fixed_time(clock):
    return clock


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _embedded_fonts(data: bytes) -> set[str]:
    fonts = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                fonts.add(str(font["/BaseFont"]))
    return fonts


def test_the_list_shows_the_seeds_columns(client, login_as, contract):
    login_as("applicant")
    page = client.get("/applicant/contracts").text
    for heading in ("No.", "保証種類", "保証契約番号", "発注者名 工事名", "請負金額"):
        assert heading in page
    assert contract.number in page and ISSUED_WORK in page and "24,000,000円" in page


def test_tabs_swap_as_fragments_and_work_as_links(client, login_as, contract):
    login_as("applicant")
    fragment = client.get("/applicant/contracts?tab=keys", headers=HTMX)
    assert fragment.text.lstrip().startswith('<section id="contracts-tab"')
    assert "<html" not in fragment.text and "HX-Request" in fragment.headers["Vary"]
    full = client.get("/applicant/contracts?tab=history").text
    assert "<html" in full and "未確認" in full and "新規" in full


def test_the_keys_tab_shows_the_own_key_grouped_and_is_never_stored(
    app, client, login_as, contract
):
    with app.test_request_context():
        key = key_groups(reveal_key(contract))
    login_as("applicant")
    for headers in ({}, HTMX):
        response = client.get("/applicant/contracts?tab=keys", headers=headers)
        assert f'<strong class="key-text">{key}</strong>' in response.text
        assert response.headers["Cache-Control"] == "no-store"
    assert key not in client.get("/applicant/contracts").text
    assert key not in client.get("/applicant/contracts?tab=history").text


def test_another_companys_user_never_sees_the_key_on_the_keys_tab(app, client, login_as, contract):
    with app.test_request_context():
        key = key_groups(reveal_key(contract))
    login_as("applicant2")
    response = client.get("/applicant/contracts?tab=keys")
    assert contract.number not in response.text and key not in response.text


def test_search_narrows_and_bad_dates_are_named(client, login_as, contract):
    login_as("applicant")
    assert contract.number in client.get("/applicant/contracts?q=排水路").text
    assert contract.number not in client.get("/applicant/contracts?q=存在しない工事").text
    response = client.get("/applicant/contracts?issued_from=2026-13-40")
    assert response.status_code == 422
    assert "発行日（から）は日付（例：2026/04/01）で入力してください。" in response.text


def test_the_detail_shows_the_key_and_the_history(app, client, login_as, contract):
    login_as("applicant")
    page = client.get(f"/applicant/contracts/{contract.id}").text
    with app.test_request_context():
        key = reveal_key(contract)
    assert "電子保証概要（前払金保証）" in page and key_groups(key) in page
    assert "※発注者にお知らせください。" in page and "未確認" in page


def test_the_check_time_and_checker_show_once_the_orderer_opened_it(
    client, login_as, contract, clock
):
    verifier = login_as("verifier")
    db.session.add(
        VersionConfirmation(
            version=contract.versions[0], orderer_id=verifier.orderer_id, viewed_by=verifier,
            first_viewed_at=clock.now,
        )
    )  # fmt: skip
    db.session.commit()
    login_as("applicant")
    page = client.get(f"/applicant/contracts/{contract.id}").text
    assert "2026/11/25 09:00" in page and "（大仙市）" in page and "未確認" not in page


def test_the_history_hides_corrections_and_undone_changes(app, client, login_as, contract, clock):
    branch = login_as("branch")
    with app.test_request_context():
        increase = RequestedChange(
            VersionKind.INCREASE, new_amount=10_000_000, new_contract_price=25_000_000
        )
        change_contract(branch, contract, contract.revision, increase)
        db.session.commit()
        correction = RequestedChange(
            VersionKind.CORRECTION, new_amount=9_900_000, new_end=contract.guarantee_end
        )
        change_contract(branch, contract, contract.revision, correction, reason="誤記訂正")
        db.session.commit()
    login_as("applicant")
    page = client.get(f"/applicant/contracts/{contract.id}").text
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert "変更-1" in rows and "新規" in rows and "訂正" not in rows


def test_the_key_notice_pdf_reads_as_the_seed_and_embeds_the_font(app, client, login_as, contract):
    login_as("applicant")
    response = client.get(f"/applicant/contracts/{contract.id}/key-notice.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    text = _pdf_text(response.data)
    with app.test_request_context():
        key = reveal_key(contract)
    grouped = key_groups(key)
    for expected in ("電子保証にかかる「認証キー」のお知らせ", contract.number, grouped,
                     ISSUED_WORK,
                     "令和8年11月25日", "前払金保証", "「電子保証確認サービス」"):  # fmt: skip
        assert expected in text, expected
    assert "http" not in text and b"/URI" not in response.data  # no clickable link
    assert any("IPAexGothic" in font for font in _embedded_fonts(response.data))
    fonts = PdfReader(io.BytesIO(response.data)).pages[0]["/Resources"]["/Font"].values()
    assert "/Courier-Bold" in {font.get_object()["/BaseFont"] for font in fonts}  # the key


def test_the_certificate_pdf_is_rendered_once_and_kept(client, login_as, contract):
    login_as("applicant")
    url = f"/applicant/contracts/{contract.id}/versions/1/certificate.pdf"
    first = client.get(url)
    second = client.get(url)
    assert first.data == second.data
    assert db.session.scalar(select(func.count()).select_from(StoredDocument)) == 1
    text = _pdf_text(first.data)
    assert "保証証券" in text and contract.number in text and "令和" in text


def test_the_fee_statement_lists_every_guarantee_with_the_total(client, login_as, contract):
    login_as("applicant")
    response = client.get(f"/applicant/applications/{contract.application_id}/fee-statement.pdf")
    text = _pdf_text(response.data)
    assert "保証料計算書" in text and "合計" in text
    for issued in contract.application.guarantees:
        assert issued.contract.number in text


def test_another_company_gets_404_for_every_document(client, login_as, contract):
    login_as("applicant2")
    for url in (
        f"/applicant/contracts/{contract.id}",
        f"/applicant/contracts/{contract.id}/versions/1",
        f"/applicant/contracts/{contract.id}/key-notice.pdf",
        f"/applicant/contracts/{contract.id}/versions/1/certificate.pdf",
        f"/applicant/applications/{contract.application_id}/fee-statement.pdf",
    ):
        assert client.get(url).status_code == 404, url


def test_the_certificate_view_matches_what_the_orderer_sees(client, login_as, contract):
    login_as("applicant")
    page = client.get(f"/applicant/contracts/{contract.id}/versions/1").text
    certificate = page.split('<article class="certificate"')[1].split("</article>")[0]
    assert contract.number in certificate and "令和" in certificate
    assert "印刷" in page and "閉じる" in page


def test_the_notice_renders_crisp_japanese_as_an_image(client, login_as, contract, tmp_path):
    login_as("applicant")
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(client.get(f"/applicant/contracts/{contract.id}/key-notice.pdf").data)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    assert "IPAexGothic" in fonts.stdout and " yes " in fonts.stdout
    image = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(image)], check=True
    )
    assert (tmp_path / "page.png").stat().st_size > 10_000  # a page with text on it


def test_a_stored_pdf_survives_a_later_change(client, login_as, contract, clock):
    login_as("applicant")
    url = f"/applicant/contracts/{contract.id}/versions/1/certificate.pdf"
    first = client.get(url).data
    clock.now += timedelta(days=1)
    login_as("applicant")  # a day later: the session of yesterday has ended
    assert client.get(url).data == first
