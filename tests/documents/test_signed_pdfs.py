"""Every PDF handed out carries the surety's PAdES signature, made once when it is stored."""

import asyncio
import contextvars
import io
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from asn1crypto import pem, x509
from cryptography import x509 as pyca
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import func, select

from documents.pdf import render_pdf
from documents.signing import demo_signing_files, sign_pdf, signing_files
from extensions import db
from models import Application, GuaranteeContract, StoredDocument
from operations.documents import certificate_pdf
from operations.keys import reveal_key, set_new_key, unseal

ISSUED_WORK = "大仙市サンプル地区排水路整備工事"


@pytest.fixture(autouse=True)
def fixed_time(clock):
    return clock


@pytest.fixture
def contract(world) -> GuaranteeContract:
    return db.session.scalar(
        select(GuaranteeContract)
        .join(Application)
        .where(Application.work_name == ISSUED_WORK)
        .order_by(GuaranteeContract.id)
    )


def _certificate(path) -> x509.Certificate:
    data = path.read_bytes()
    return x509.Certificate.load(pem.unarmor(data)[2] if pem.detect(data) else data)


def _validate(data: bytes, files):
    """pyhanko's verdict on the one signature of `data`, trusting the top of `files`' chain
    (in a thread of its own: a browser test may leave an event loop running in this one)."""
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    context = ValidationContext(trust_roots=[_certificate(files.chain[-1])])
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(validate_pdf_signature, signature, context).result()


def _files(app):
    return signing_files(app.config, Path(app.instance_path))


def _downloads(contract):
    return [
        f"/applicant/contracts/{contract.id}/versions/1/certificate.pdf",
        f"/applicant/applications/{contract.application_id}/fee-statement.pdf",
        f"/applicant/contracts/{contract.id}/key-notice.pdf",
    ]


def test_every_pdf_handed_out_carries_a_valid_signature_of_the_configured_cert(
    app, client, login_as, contract
):
    login_as("applicant")
    files = _files(app)
    for url in _downloads(contract):
        response = client.get(url)
        assert response.status_code == 200, url
        status = _validate(response.data, files)
        assert status.bottom_line and status.intact and status.trusted, url
        assert status.signing_cert.dump() == _certificate(files.cert).dump(), url
        assert status.coverage.name == "ENTIRE_FILE", url


def test_one_byte_changed_in_the_signed_range_breaks_the_signature(app, client, login_as, contract):
    login_as("applicant")
    data = client.get(f"/applicant/contracts/{contract.id}/versions/1/certificate.pdf").data
    inside = data.index(b"stream") + 40  # compressed page content, within the first range
    tampered = data[:inside] + bytes([data[inside] ^ 0x01]) + data[inside + 1 :]
    status = _validate(tampered, _files(app))
    assert not status.intact and not status.bottom_line


def test_a_stored_pdf_is_signed_once_and_downloaded_as_the_same_bytes(client, login_as, contract):
    login_as("applicant")
    url = f"/applicant/contracts/{contract.id}/versions/1/certificate.pdf"
    first, second = client.get(url).data, client.get(url).data
    assert first == second
    named = func.count().filter(StoredDocument.name.like("certificate/%"))
    assert db.session.scalar(select(named)) == 1


def test_configured_signing_material_signs_instead_of_the_demo(app_with, world, tmp_path):
    other = demo_signing_files(tmp_path / "surety")
    configured = app_with(
        PDF_SIGNING_KEY=str(other.key),
        PDF_SIGNING_CERT=str(other.cert),
        PDF_SIGNING_CHAIN=[str(path) for path in other.chain],
    )
    contract_id = db.session.scalar(select(GuaranteeContract.id).order_by(GuaranteeContract.id))
    with configured.test_request_context():
        contract = db.session.get(GuaranteeContract, contract_id)
        data = certificate_pdf(contract, contract.last_shown)
    status = _validate(data, other)
    assert status.bottom_line and status.trusted
    assert status.signing_cert.dump() == _certificate(other.cert).dump()


def test_production_refuses_to_start_without_signing_material(app_with):
    settings = {"PRODUCTION": True, "PUBLIC_URL": "https://e-surety.test"}
    with pytest.raises(SystemExit) as refused:
        app_with(**settings, PDF_SIGNING_KEY="", PDF_SIGNING_CERT="")
    message = str(refused.value.code)
    assert "PDF_SIGNING_KEY" in message and "PDF_SIGNING_CERT" in message and "\n" not in message
    with pytest.raises(SystemExit, match="PDF の署名用ファイルが読めません"):
        app_with(**settings, PDF_SIGNING_KEY="/nonexistent/key.pem", PDF_SIGNING_CERT=__file__)


def test_signing_works_where_an_event_loop_is_running(app, client, login_as, contract):
    """An async server, or a test driving a browser, runs a loop in the request's thread."""
    login_as("applicant")

    async def download():
        return client.get(f"/applicant/contracts/{contract.id}/key-notice.pdf")

    # A thread of its own runs the loop: this one may already run Playwright's (browser tests).
    in_a_loop = contextvars.copy_context().run
    with ThreadPoolExecutor(max_workers=1) as pool:
        response = pool.submit(in_a_loop, asyncio.run, download()).result()
    assert response.status_code == 200
    assert _validate(response.data, _files(app)).bottom_line


def test_a_certificate_of_an_odd_length_without_a_chain_signs(app_with, world, tmp_path):
    """pyHanko reserves the signature's room as hex digits: an odd number of bytes (a
    certificate of odd length, no chain) must still sign."""
    name = pyca.Name([pyca.NameAttribute(NameOID.COMMON_NAME, "e-Surety 署名")])
    while True:  # an EC certificate's length varies with its signature's
        key = ec.generate_private_key(ec.SECP256R1())
        cert = (
            pyca.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(pyca.random_serial_number())
            .not_valid_before(datetime(2026, 1, 1, tzinfo=UTC))
            .not_valid_after(datetime(2036, 1, 1, tzinfo=UTC))
            .sign(key, hashes.SHA256())
        )
        if len(cert.public_bytes(serialization.Encoding.DER)) % 2:
            break
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    configured = app_with(
        PDF_SIGNING_KEY=str(tmp_path / "key.pem"), PDF_SIGNING_CERT=str(tmp_path / "cert.pem")
    )
    with configured.test_request_context():
        data = sign_pdf(render_pdf("pdf/base.html"), reason="test")
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    context = ValidationContext(trust_roots=[signature.signer_cert])
    with ThreadPoolExecutor(max_workers=1) as pool:
        status = pool.submit(validate_pdf_signature, signature, context).result()
    assert status.intact and status.valid
    assert signature.signer_cert.dump() == cert.public_bytes(serialization.Encoding.DER)


def _kept_notices(contract) -> list[StoredDocument]:
    return db.session.scalars(
        select(StoredDocument)
        .where(StoredDocument.name.startswith(f"key-notice/{contract.id}/"))
        .order_by(StoredDocument.id)
    ).all()


def test_the_key_notice_is_signed_once_and_kept_only_encrypted(app, client, login_as, contract):
    login_as("applicant")
    url = f"/applicant/contracts/{contract.id}/key-notice.pdf"
    first, second = client.get(url).data, client.get(url).data
    assert first == second and _validate(second, _files(app)).bottom_line
    (kept,) = _kept_notices(contract)
    with app.test_request_context():
        key = reveal_key(contract)
        assert unseal(kept.content) == first
    assert b"%PDF" not in kept.content and key.encode() not in kept.content
    assert key not in kept.name  # named by a keyed digest of its content, not by the key


def test_a_new_key_gives_a_new_notice_and_the_old_one_is_not_kept(app, client, login_as, contract):
    login_as("applicant")
    url = f"/applicant/contracts/{contract.id}/key-notice.pdf"
    before = client.get(url).data
    with app.test_request_context():
        set_new_key(db.session.get(GuaranteeContract, contract.id))
        db.session.commit()
    after = client.get(url).data
    assert after != before
    assert len(_kept_notices(contract)) == 1


def test_a_kept_notice_no_configured_key_opens_is_made_again(app, client, login_as, contract):
    login_as("applicant")
    url = f"/applicant/contracts/{contract.id}/key-notice.pdf"
    client.get(url)
    (kept,) = _kept_notices(contract)
    kept.content = b"gAAAAAunreadable"
    db.session.commit()
    response = client.get(url)
    assert response.status_code == 200 and _validate(response.data, _files(app)).bottom_line
    (again,) = _kept_notices(contract)
    assert again.content != b"gAAAAAunreadable"


def test_a_stored_pdf_the_client_has_already_answers_304_without_a_body(client, login_as, contract):
    login_as("applicant")
    url = f"/applicant/contracts/{contract.id}/versions/1/certificate.pdf"
    first = client.get(url)
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert client.get(url, headers={"If-None-Match": '"other"'}).data == first.data
