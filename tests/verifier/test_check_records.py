"""確認記録票: the clerk files a one-page record of a check; anyone confirms it by its code."""

import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from domain.check_records import code_digest, derived_code, normalise_code
from extensions import db
from models import CheckRecord, StoredDocument
from operations.check_records import check_record_pdf

CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")


def _open(web, contract, key):
    """Log the clerk in and open the certificate with number and key, through the pages."""
    web.log_in("verifier")
    lookup = web.form_to(web.get("/verifier/"), "/verifier/")
    lookup["number"], lookup["key"] = contract.number, key
    return lookup.submit(status=303).follow()


def _record_url(contract, seq=1):
    return f"/verifier/certificates/{contract.id}/versions/{seq}/record"


def _text(pdf: bytes) -> tuple[str, int]:
    """The PDF's text without white space (cells are lines of their own), and its page count."""
    reader = PdfReader(io.BytesIO(pdf))
    return "".join("".join(page.extract_text().split()) for page in reader.pages), len(reader.pages)


def _records() -> int:
    return db.session.scalar(select(func.count()).select_from(CheckRecord))


@pytest.mark.rendered_form("verifier.lookup", "verifier.file_record")
def test_the_record_prints_the_check_on_one_page(web, contract, key):
    certificate = _open(web, contract, key)
    download = web.form_to(certificate, _record_url(contract)).submit(status=303).follow()
    assert download.content_type == "application/pdf"
    assert download.headers["Cache-Control"] == "no-store"
    text, pages = _text(download.body)
    assert pages == 1
    for fact in (
        "確認記録票",
        contract.number,
        "大仙市サンプル地区排水路整備工事",
        "確認した版新規",
        "確認者確認大仙",
        "発注者大仙市",
        "確認時点の状態有効",
        "確認日時2026/11/2509:00（日本時間）",  # the clock's 00:00 UTC, in Japan
        "電子保証発行日時2026/11/2509:00（日本時間）",
    ):
        assert fact in text, fact
    assert text.count("未入力") == 5  # no cross-check in this view
    check = db.session.scalar(select(CheckRecord))
    code = CODE.search(text).group()
    assert check.code_digest == code_digest(code.replace("-", ""))
    assert code.replace("-", "") not in str(check.__dict__)  # only the digest is kept


@pytest.mark.rendered_form("verifier.lookup", "verifier.check", "verifier.file_record")
def test_the_record_carries_the_cross_check_of_the_view(web, contract, key):
    certificate = _open(web, contract, key)
    check = web.form_to(certificate, f"/verifier/certificates/{contract.id}/cross-check")
    check["work_name"] = "大仙市サンプル地区排水路整備工事"
    check["contract_price"] = "1"
    checked = check.submit()
    download = web.form_to(checked, _record_url(contract)).submit(status=303).follow()
    text, _ = _text(download.body)
    assert "工事名一致" in text and "請負金額不一致" in text
    assert "保証金額未入力" in text and text.count("未入力") == 3
    assert db.session.scalar(select(CheckRecord)).results["contract_price"] == "不一致"


@pytest.mark.rendered_form("verifier.lookup", "verifier.file_record")
def test_each_download_is_a_record_of_its_own(web, contract, key):
    certificate = _open(web, contract, key)
    form = web.form_to(certificate, _record_url(contract))
    first = form.submit(status=303)
    second = form.submit(status=303)
    assert _records() == 2 and first.location != second.location
    again = web.get(first.location)  # the same record downloaded again: rendered again
    assert _text(again.body) == _text(web.get(first.location).body) and _records() == 2
    digests = db.session.scalars(select(CheckRecord.code_digest)).all()
    assert len(set(digests)) == 2


def test_another_orderers_clerk_cannot_download_a_record(client, login_as, contract, key, post):
    login_as("verifier")
    post("/verifier/", {"number": contract.number, "key": key})
    filed = post(_record_url(contract))
    assert filed.status_code == 303
    assert client.get(filed.location).status_code == 200
    login_as("verifier2")  # 秋田県's clerk, guessing the record's address
    assert client.get(filed.location).status_code == 404
    assert post(_record_url(contract)).status_code == 404  # no record of a contract not opened
    assert client.get("/verifier/records/999999/pdf").status_code == 404
    assert _records() == 1


def test_a_forged_cross_check_value_is_refused_beside_the_form(login_as, contract, key, post):
    login_as("verifier")
    post("/verifier/", {"number": contract.number, "key": key})
    response = post(_record_url(contract), {"contract_price": "たくさん"})
    assert response.status_code == 422 and _records() == 0


def _file(web, contract, key) -> str:
    """File a record through the pages; its printed code."""
    certificate = _open(web, contract, key)
    download = web.form_to(certificate, _record_url(contract)).submit(status=303).follow()
    return CODE.search(_text(download.body)[0]).group()


@pytest.mark.rendered_form("verifier.lookup", "verifier.file_record", "public.verify_record")
def test_anyone_confirms_a_record_by_its_code_without_the_clerks_name(web, contract, key):
    code = _file(web, contract, key)
    web.reset()  # cookies gone: an anonymous visitor
    form = web.get("/verify-record").forms["verify-record"]
    form["code"] = f" {code.lower().replace('-', ' ')} "
    page = form.submit()
    assert page.status_code == 200
    assert "この確認記録票は、当サービスの確認記録と一致します" in page.text
    for fact in (contract.number, "新規", "2026/11/25 09:00", "大仙市", "未入力"):
        assert fact in page.text, fact
    assert "確認 大仙" not in page.text


@pytest.mark.rendered_form("public.verify_record")
@pytest.mark.parametrize("typed", ["ABCD-EFGH-JKLM-NPQR", "abc", "0000-1111-OOOO-IIII", "x" * 50])
def test_any_other_code_gets_one_not_found_answer(web, typed):
    form = web.get("/verify-record").forms["verify-record"]
    form["code"] = typed
    page = form.submit(status=422)
    assert "この確認コードの確認記録は見つかりません" in page.text
    assert "一致します" not in page.text


@pytest.mark.rendered_form("public.verify_record")
def test_an_empty_code_is_named_beside_the_field(web):
    form = web.get("/verify-record").forms["verify-record"]
    assert "確認コードを入力してください。" in form.submit(status=422).text


def test_the_re_check_is_rate_limited_per_address(client, world, post, rate_limits):
    statuses = [
        post("/verify-record", {"code": "ABCD-EFGH-JKLM-NPQR"}).status_code for _ in range(61)
    ]
    assert statuses[:60] == [422] * 60 and statuses[60] == 429


def test_codes_are_read_as_people_type_them():
    assert normalise_code("abcd efgh-jklm－ｎｐｑｒ") == "ABCDEFGHJKLMNPQR"
    assert normalise_code("ABCD-EFGH-JKLM-NPQ") is None  # one short
    assert normalise_code("ABCD-EFGH-JKLM-NPQ0") is None  # 0 is never in a code


# --- the code is nowhere in the database ---------------------------------------------------------


def _holds(value, code: str) -> bool:
    """Whether a stored value shows `code` (grouped or not), a PDF's text included (its
    streams are compressed, so its bytes alone would hide it)."""
    plain = code.replace("-", "")
    if isinstance(value, bytes):
        text = _text(value)[0] if value.startswith(b"%PDF") else value.decode("latin-1")
    else:
        text = str(value)
    return code in text or plain in text or plain.lower() in text.lower()


def _rows_holding(code: str) -> list[str]:
    """Every table and column whose stored value shows `code`."""
    found = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(select(table)).mappings():
            found += [f"{table.name}.{c}" for c, value in row.items() if _holds(value, code)]
    return found


@pytest.mark.rendered_form("verifier.lookup", "verifier.file_record")
def test_the_code_is_nowhere_in_the_database(web, contract, key):
    certificate = _open(web, contract, key)
    download = web.form_to(certificate, _record_url(contract)).submit(status=303).follow()
    code = CODE.search(_text(download.body)[0]).group()
    assert _holds(download.body, code)  # the search sees a code inside a signed PDF
    db.session.expire_all()
    assert _rows_holding(code) == []
    assert db.session.scalar(select(func.count()).select_from(StoredDocument).where(
        StoredDocument.name.like("check-record/%"))) == 0  # fmt: skip


@pytest.mark.rendered_form("verifier.lookup", "verifier.file_record")
def test_a_record_downloaded_again_prints_what_was_seen_then(web, contract, key, app):
    certificate = _open(web, contract, key)
    first = web.form_to(certificate, _record_url(contract)).submit(status=303)
    text = _text(first.follow().body)[0]
    check = db.session.scalar(select(CheckRecord))
    check.orderer.name = "大仙市（新）"  # renamed later
    check.user.name = "転出 大仙"
    db.session.commit()
    again = _text(web.get(first.location).body)[0]
    assert again == text and "発注者大仙市" in again and "確認者確認大仙" in again


def test_the_code_cannot_be_derived_from_the_row_without_the_secret(
    app_with, client, login_as, contract, key, post
):
    """The attacker's side: a copy of the database (nonce and digest) without the
    CHECK_CODE_SECRET gives no code, and a server with another secret cannot print one."""
    login_as("verifier")
    post("/verifier/", {"number": contract.number, "key": key})
    filed = post(_record_url(contract)).location
    check = db.session.scalar(select(CheckRecord))
    guessed = derived_code("a-secret-guessed-by-the-attacker", check.code_nonce)
    assert code_digest(guessed) != check.code_digest
    assert post("/verify-record", {"code": guessed}).status_code == 422
    stranger = app_with(CHECK_CODE_SECRET="another-secret")
    with stranger.test_request_context(), pytest.raises(RuntimeError, match="CHECK_CODE_SECRET"):
        check_record_pdf(db.session.get(CheckRecord, check.id))
    assert client.get(filed).status_code == 200


@pytest.mark.rendered_form("verifier.lookup", "verifier.file_record")
def test_a_rotated_code_secret_still_prints_the_old_records_code(app, web, contract, key, app_with):
    code = _file(web, contract, key)
    check_id = db.session.scalar(select(CheckRecord.id))
    rotated = app_with(
        CHECK_CODE_SECRET="a-new-secret", CHECK_CODE_SECRETS_OLD=[app.config["CHECK_CODE_SECRET"]]
    )
    with rotated.test_request_context():
        pdf = check_record_pdf(db.session.get(CheckRecord, check_id))
    assert code in _text(pdf)[0]


def test_a_record_filed_before_codes_were_derived_is_its_kept_pdf(
    client, login_as, contract, key, post
):
    login_as("verifier")
    post("/verifier/", {"number": contract.number, "key": key})
    filed = post(_record_url(contract)).location
    check = db.session.scalar(select(CheckRecord))
    kept = client.get(filed).data
    check.code_nonce = None  # as the migration leaves a record filed before it
    db.session.add(
        StoredDocument(
            name=f"check-record/{check.id}",
            content=kept,
            sha256="0" * 64,
            created_at=check.viewed_at,
        )
    )
    db.session.commit()
    assert client.get(filed).data == kept
