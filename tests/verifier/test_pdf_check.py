"""「PDFを検証」: a filed certificate PDF is checked against the versions we issued — by its
signature and by the bytes we kept — and never stored, never stamped."""

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import webtest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from sqlalchemy import func, select

from config import _certificates
from documents.certificate import certificate_view
from documents.pdf import render_pdf
from documents.signing import SigningFiles, demo_signing_files, sign_pdf
from domain.changes import RequestedChange, VersionKind
from extensions import db
from models import GuaranteeContract, StoredDocument, VersionConfirmation
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


# --- after a rotation of the signing key (PDF_SIGNING_CERTS_OLD) --------------------------------


def _expired_signing_files(directory: Path) -> SigningFiles:
    """A key and a self-signed certificate that expired yesterday: the usual reason to rotate."""
    directory.mkdir()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "e-Surety 旧署名（期限切れ）")])
    moment = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(moment - timedelta(days=3 * 365))
        .not_valid_after(moment - timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    files = SigningFiles(directory / "old-key.pem", directory / "old-cert.pem")
    files.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return files


@pytest.fixture(params=["current", "expired"])
def old_signing(request, tmp_path) -> SigningFiles:
    """The material of a signing key used before a rotation (still valid, or since expired)."""
    if request.param == "current":
        return demo_signing_files(tmp_path / "old")
    return _expired_signing_files(tmp_path / "old")


@pytest.fixture
def copy_signed_before_rotation(app_with, contract, old_signing) -> bytes:
    """The certificate PDF as rendered, signed and stored while the old key was in use."""
    before = app_with(PDF_SIGNING_KEY=str(old_signing.key), PDF_SIGNING_CERT=str(old_signing.cert))
    with before.test_request_context():
        data = certificate_pdf(db.session.get(GuaranteeContract, contract.id), contract.last_shown)
        db.session.commit()
    return data


def _accept_old(app, monkeypatch, *entries: str) -> None:
    """The app restarted with PDF_SIGNING_CERTS_OLD set to `entries`."""
    monkeypatch.setitem(app.config, "PDF_SIGNING_CERTS_OLD", list(entries))


@RENDERED
@pytest.mark.parametrize("written_as", ["path", "pem"])
def test_a_copy_signed_before_a_key_rotation_still_verifies(
    app, web, monkeypatch, copy_signed_before_rotation, old_signing, written_as
):
    pem = old_signing.cert.read_text()
    entry = str(old_signing.cert) if written_as == "path" else pem.replace("\n", "\\n")
    _accept_old(app, monkeypatch, *_certificates(entry))  # as the setting is read
    page = _check(web, copy_signed_before_rotation)
    assert "この版は最新です" in page.text


@RENDERED
def test_a_certificate_not_on_the_list_is_refused(
    app, web, monkeypatch, copy_signed_before_rotation, tmp_path
):
    """Without the old certificate listed (or with another listed) the copy is not ours."""
    another = demo_signing_files(tmp_path / "another")
    _accept_old(app, monkeypatch, str(another.cert))
    assert "当社が発行したものと一致しません" in _check(web, copy_signed_before_rotation).text


@RENDERED
def test_our_old_certificate_with_a_forgers_key_is_not_ours(
    app, app_with, web, monkeypatch, unsigned_copy, old_signing, tmp_path
):
    """The attacker's side: a signature that names our listed certificate but was made with
    another key does not verify under that certificate."""
    forger = demo_signing_files(tmp_path / "forger")
    forging = app_with(PDF_SIGNING_KEY=str(forger.key), PDF_SIGNING_CERT=str(old_signing.cert))
    with forging.app_context():
        forged = sign_pdf(unsigned_copy, reason=SIGNING_REASON)
    _accept_old(app, monkeypatch, str(old_signing.cert))
    assert "当社が発行したものと一致しません" in _check(web, forged).text


@RENDERED
@pytest.mark.parametrize(
    "data",
    [b"not a pdf at all", b"%PDF-1.4\ntrailer<</Root 1 0 R>>", b"%PDF-1.7\n" + b"<<" * 50_000],
)
def test_hostile_files_get_a_clear_message_with_old_certificates_listed(
    app, web, world, monkeypatch, tmp_path, data
):
    _accept_old(app, monkeypatch, str(demo_signing_files(tmp_path / "old").cert))
    page = _check(web, data, status="*")
    assert page.status_int in (200, 422)
    assert "PDF として読み取れませんでした" in page.text or "一致しません" in page.text


@pytest.mark.parametrize(
    "entry", ["/nonexistent/old-cert.pem", __file__, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END"]
)
def test_an_unreadable_old_certificate_stops_the_start(app_with, entry):
    with pytest.raises(SystemExit, match="PDF_SIGNING_CERTS_OLD には"):
        app_with(PDF_SIGNING_CERTS_OLD=[entry])
