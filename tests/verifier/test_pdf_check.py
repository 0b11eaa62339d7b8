"""「PDFを検証」: a filed certificate PDF is checked against the versions we issued — by its
signature and by the bytes we kept — and never stored, never stamped."""

import io

import pytest
import webtest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from sqlalchemy import func, select

from documents.certificate import certificate_view
from documents.pdf import render_pdf
from documents.signing import demo_signing_files, sign_pdf
from domain.changes import RequestedChange, VersionKind
from extensions import db
from models import StoredDocument, VersionConfirmation
from operations.contract_changes import cancel_contract, change_contract
from operations.documents import SIGNING_REASON, certificate_pdf
from operations.verification import NOT_FOUND

RENDERED = pytest.mark.rendered_form("verifier.pdf_check")


@pytest.fixture
def filed_copy(app, contract):
    """The certificate PDF of the contract's current version, as the orderer filed it."""
    with app.test_request_context():
        data = certificate_pdf(contract, contract.last_shown)
        db.session.commit()
    return data


@pytest.fixture
def act(app, login_as):
    """Run a branch operation on the contract and commit, as the branch's request would."""

    def run(operation, contract, *args):
        branch = login_as("branch")
        with app.test_request_context():
            operation(branch, contract, contract.revision, *args)
            db.session.commit()

    return run


def _check(web, data: bytes, login_id: str = "verifier", status: int = 200):
    page = web.log_in(login_id)
    page = page.click("PDFを検証")
    form = page.forms["pdf-check"]
    form["pdf"] = webtest.Upload("保証証券.pdf", data, "application/pdf")
    return form.submit(status=status)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@RENDERED
def test_the_latest_version_is_confirmed_and_nothing_is_stamped_or_kept(web, filed_copy, contract):
    stored, stamped = _count(StoredDocument), _count(VersionConfirmation)
    page = _check(web, filed_copy)
    assert "この版は最新です" in page.text and contract.number in page.text
    assert "PDF は提出の受付ではありません" in page.text
    assert (_count(StoredDocument), _count(VersionConfirmation)) == (stored, stamped)


@RENDERED
def test_a_superseded_version_names_the_later_change(web, filed_copy, contract, act):
    act(change_contract, contract, RequestedChange(VersionKind.DECREASE, new_amount=1_000_000))
    db.session.refresh(contract)
    page = _check(web, filed_copy)
    assert f"後に変更があります（{contract.last_shown.label}）" in page.text
    assert "この版は最新です" not in page.text


@RENDERED
def test_a_cancelled_contract_is_said(web, filed_copy, contract, act):
    act(cancel_contract, contract, "工事中止")
    assert "解約されています" in _check(web, filed_copy).text


@pytest.fixture
def unsigned_copy(app, contract) -> bytes:
    """The same certificate rendered afresh: what a forger could make from a copy's text."""
    with app.test_request_context():
        return render_pdf(
            "pdf/certificate.html",
            certificate=certificate_view(contract.last_shown.snapshot),
            contract=contract,
        )


@RENDERED
def test_an_unsigned_copy_is_not_ours(web, filed_copy, unsigned_copy):
    assert "当社が発行したものと一致しません" in _check(web, unsigned_copy).text


@RENDERED
def test_a_copy_signed_with_another_key_is_not_ours(
    app_with, web, filed_copy, unsigned_copy, tmp_path
):
    other = demo_signing_files(tmp_path / "forger")
    forger = app_with(PDF_SIGNING_KEY=str(other.key), PDF_SIGNING_CERT=str(other.cert))
    with forger.app_context():
        forged = sign_pdf(unsigned_copy, reason=SIGNING_REASON)
    assert "当社が発行したものと一致しません" in _check(web, forged).text


@RENDERED
def test_a_copy_with_an_update_after_our_signature_is_not_ours(web, filed_copy):
    writer = IncrementalPdfFileWriter(io.BytesIO(filed_copy))
    writer.root["/Lang"] = generic.TextStringObject("en")  # any later revision
    writer.update_root()
    updated = io.BytesIO()
    writer.write(updated)
    assert "当社が発行したものと一致しません" in _check(web, updated.getvalue()).text


@RENDERED
def test_a_changed_byte_makes_a_copy_not_ours(web, filed_copy):
    inside = filed_copy.index(b"stream") + 40
    tampered = filed_copy[:inside] + bytes([filed_copy[inside] ^ 1]) + filed_copy[inside + 1 :]
    assert "当社が発行したものと一致しません" in _check(web, tampered).text


@RENDERED
def test_another_orderers_certificate_answers_not_found(web, filed_copy, contract):
    page = _check(web, filed_copy, login_id="verifier2", status=422)
    assert NOT_FOUND in page.text and contract.number not in page.text


@RENDERED
@pytest.mark.parametrize("cut", [0.5, 0.99])
def test_a_truncated_file_gets_a_clear_message(web, filed_copy, cut):
    truncated = filed_copy[: int(len(filed_copy) * cut)]
    page = _check(web, truncated, status="*")
    assert page.status_int in (200, 422)
    assert "PDF として読み取れませんでした" in page.text or "一致しません" in page.text


@pytest.mark.parametrize(
    "data",
    [b"not a pdf at all", b"%PDF-1.7\n" + b"[" * 100_000, b"%PDF-1.4\ntrailer<</Root 1 0 R>>"],
)
@RENDERED
def test_a_malformed_or_hostile_file_gets_a_clear_message(web, world, data):
    page = _check(web, data, status="*")
    assert page.status_int in (200, 422)
    assert "PDF として読み取れませんでした" in page.text or "一致しません" in page.text


@RENDERED
def test_a_10_mib_file_is_refused_beside_the_field(web, world):
    page = _check(web, b"%PDF-1.7\n" + b"0" * (10 * 2**20), status=413)
    assert "ファイルが大きすぎます（2MB まで）" in page.text
    assert page.forms["pdf-check"]  # the form is there to try again


@RENDERED
def test_no_file_is_asked_for_beside_the_field(web, world):
    page = web.log_in("verifier").click("PDFを検証")
    response = page.forms["pdf-check"].submit(status=422)
    assert "PDF ファイルを選んでください。" in response.text


def test_the_check_is_rate_limited(client, login_as, post, rate_limits, world):
    login_as("verifier")

    def upload():
        return post("/verifier/pdf-check", {"pdf": (io.BytesIO(b"not a pdf"), "copy.pdf")})

    statuses = [upload().status_code for _ in range(31)]
    assert statuses[30] == 429


def test_other_pages_still_refuse_files(client, login_as, csrf_token, world):
    login_as("verifier")
    data = {"csrf_token": csrf_token(), "number": (io.BytesIO(b"x"), "x.txt"), "key": "k"}
    response = client.post("/verifier/", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
