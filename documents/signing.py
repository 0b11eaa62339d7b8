"""PAdES signatures on the PDFs the service hands out, with the surety's signing key.

The material comes from configuration (PDF_SIGNING_KEY, PDF_SIGNING_CERT, PDF_SIGNING_CHAIN,
PDF_TIMESTAMP_URL); outside production, without it, a demo CA and signing certificate are
generated once into instance/demo-signing/ (never committed). PDF_SIGNING_CERTS_OLD lists
the certificates of earlier signing keys, whose signatures are still recognised as ours.
"""

import asyncio
import io
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from asn1crypto.x509 import Certificate
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from flask import current_app
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

DEMO_DIR = "demo-signing"
SIGNATURE_FIELD = "e-Surety"


@dataclass(frozen=True)
class SigningFiles:
    """Where the signing key, its certificate and the certificates above it are."""

    key: Path
    cert: Path
    chain: tuple[Path, ...] = ()


def sign_pdf(data: bytes, *, reason: str) -> bytes:
    """`data` signed by the surety (PAdES baseline; timestamped when PDF_TIMESTAMP_URL is set).

    Every PDF handed out is signed here, once, when it is first rendered and stored.
    """
    signer, timestamper = _signer()
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        reason=reason,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    pdf_signer = signers.PdfSigner(metadata, signer, timestamper=timestamper)
    # Room for the signature reserved up front: pyhanko would otherwise sign twice (a dry run
    # to measure the signature), which doubles the cost.
    room = _signature_room(signer, timestamper)
    output = _run(lambda: pdf_signer.async_sign_pdf(writer, bytes_reserved=room))
    return output.getvalue()


class _KeptKeySigner(signers.SimpleSigner):
    """A SimpleSigner that parses its private key once: pyhanko's parses it on every signature,
    which for an RSA key (checked on each load) costs more than the rest of the signing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._key = serialization.load_der_private_key(self.signing_key.dump(), password=None)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15":
            return self._key.sign(data, padding.PKCS1v15(), hash_algorithm)
        if mechanism == "ecdsa":
            return self._key.sign(data, ec.ECDSA(hash_algorithm))
        return super().sign_raw(data, digest_algorithm)


def _signature_room(signer: signers.SimpleSigner, timestamper) -> int:
    """Bytes enough for our CMS signature: the certificates it embeds, the signature value and
    signed attributes, and a timestamp token (with its TSA's certificates) when one is added."""
    certificates = [signer.signing_cert, *signer.cert_registry]
    room = sum(len(cert.dump()) for cert in certificates) + 4096 + (12288 if timestamper else 0)
    return room + room % 2  # pyHanko writes the room as hex digits: an even count of bytes


class UnreadablePdf(ValueError):
    """The file is not a PDF we can read (malformed, truncated or hostile)."""


def signed_by_us(data: bytes) -> bool:
    """Whether `data` is, byte for byte, a document we signed: an intact, valid signature by
    the key of our signing certificate or of an earlier one (PDF_SIGNING_CERTS_OLD) covers the
    whole file (nothing added after it, not even an incremental update that could change what
    a viewer shows). The certificate must be one of ours exactly; that it has expired since
    does not matter (the caller also compares the bytes with the versions we stored).

    Raises UnreadablePdf for anything that cannot be parsed as a PDF.
    """
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception as error:  # a hostile file may fail anywhere in the parser
        raise UnreadablePdf(str(error)) from error
    ours = _our_certificates()
    context = ValidationContext(trust_roots=list(ours.values()), allow_fetching=False)
    for signature in signatures:
        try:
            status = _run(partial(async_validate_pdf_signature, signature, context))
        except Exception:  # noqa: S112  (a broken signature is not ours; look at the next)
            continue
        if (
            status.intact
            and status.valid
            and status.coverage is SignatureCoverageLevel.ENTIRE_FILE
            and status.signing_cert.dump() in ours
        ):
            return True
    return False


def _our_certificates() -> dict[bytes, Certificate]:
    """The current signing certificate and the earlier ones, by their DER bytes; loaded once
    per process (and again should PDF_SIGNING_CERTS_OLD change)."""
    old = tuple(current_app.config.get("PDF_SIGNING_CERTS_OLD", ()))
    cached = current_app.extensions.get("pdf_our_certificates")
    if cached is None or cached[0] != old:
        certificates = [_signer()[0].signing_cert]
        for entry in old:
            data = entry.encode() if entry.startswith("-----BEGIN") else Path(entry).read_bytes()
            certificates += load_certs_from_pemder_data(data)
        cached = (old, {cert.dump(): cert for cert in certificates})
        current_app.extensions["pdf_our_certificates"] = cached
    return cached[1]


def _run(make_coroutine):
    """Run pyHanko's asynchronous work to its end — in a thread of its own when this thread
    already runs an event loop (an async server, a test driving a browser), where
    asyncio.run refuses."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


def _signer() -> tuple[signers.SimpleSigner, timestamps.TimeStamper | None]:
    """The app's signer, loaded once per process."""
    cached = current_app.extensions.get("pdf_signer")
    if cached is None:
        files = signing_files(current_app.config, Path(current_app.instance_path))
        loaded = signers.SimpleSigner.load(
            str(files.key), str(files.cert), ca_chain_files=[str(path) for path in files.chain]
        )
        if loaded is None:
            raise RuntimeError(f"PDF signing material could not be loaded from {files.key}")
        signer = _KeptKeySigner(loaded.signing_cert, loaded.signing_key, loaded.cert_registry)
        url = current_app.config.get("PDF_TIMESTAMP_URL")
        cached = (signer, timestamps.HTTPTimeStamper(url) if url else None)
        current_app.extensions["pdf_signer"] = cached
    return cached


def signing_files(config, instance_dir: Path) -> SigningFiles:
    """The configured material, or (outside production) the demo material, made once."""
    if config.get("PDF_SIGNING_KEY") and config.get("PDF_SIGNING_CERT"):
        return SigningFiles(
            Path(config["PDF_SIGNING_KEY"]),
            Path(config["PDF_SIGNING_CERT"]),
            tuple(Path(path) for path in config.get("PDF_SIGNING_CHAIN", [])),
        )
    if config.get("PRODUCTION"):
        raise RuntimeError("PDF_SIGNING_KEY and PDF_SIGNING_CERT are required in production")
    return demo_signing_files(instance_dir / DEMO_DIR)


def demo_signing_files(directory: Path) -> SigningFiles:
    """A demo CA and a signing certificate it issued, generated into `directory` once."""
    files = _demo_files(directory)
    if all(path.exists() for path in (files.key, files.cert, *files.chain)):
        return files
    # Made in a private directory and renamed into place: a simultaneous first start of
    # another process keeps one consistent set (the first renamed), never a mix of two.
    directory.parent.mkdir(parents=True, exist_ok=True)
    draft = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=directory.parent))
    _write_demo_material(draft)
    try:
        draft.rename(directory)
    except OSError:
        shutil.rmtree(draft)
    return files


def _demo_files(directory: Path) -> SigningFiles:
    return SigningFiles(
        directory / "demo-signing-key.pem",
        directory / "demo-signing-cert.pem",
        (directory / "demo-ca-cert.pem",),
    )


def _write_demo_material(directory: Path) -> None:
    files = _demo_files(directory)
    now = datetime.now(UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = _name("e-Surety デモ認証局（信頼されません）")
    ca_cert = (
        _certificate(ca_name, ca_name, ca_key.public_key(), now, years=20)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        _certificate(_name("e-Surety デモ署名（デモ用）"), ca_name, key.public_key(), now, years=10)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(cert_sign=False), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    files.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    files.key.chmod(0o600)
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    files.chain[0].write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "e-Surety (demo)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(subject, issuer, public_key, now: datetime, *, years: int):
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * years))
    )


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=not cert_sign,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )
