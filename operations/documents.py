"""Documents kept once rendered: a version's certificate and the fee statements."""

from collections.abc import Callable

from sqlalchemy import select

from documents.certificate import certificate_view
from documents.pdf import render_pdf
from documents.statements import issue_statement
from extensions import db
from models import Application, CertificateVersion, GuaranteeContract, StoredDocument
from operations.clock import now
from operations.issuance import contracts_of
from operations.locks import insert_once


def stored_pdf(name: str, render: Callable[[], bytes]) -> bytes:
    """The document called `name`: rendered and kept the first time, the kept bytes after."""
    kept = select(StoredDocument).where(StoredDocument.name == name)
    stored = db.session.scalar(kept)
    if stored is None:
        insert_once(StoredDocument, name=name, content=render(), created_at=now())
        stored = db.session.scalar(kept)  # ours, or the one a simultaneous first download kept
    return stored.content


def certificate_pdf(contract: GuaranteeContract, version: CertificateVersion) -> bytes:
    """The 保証証券 of a version (printable; for paper guarantees the certificate sent)."""
    return stored_pdf(
        f"certificate/{version.id}",
        lambda: render_pdf(
            "pdf/certificate.html",
            certificate=certificate_view(version.snapshot),
            contract=contract,
        ),
    )


def fee_statement_pdf(application: Application) -> bytes | None:
    """保証料計算書 of an issued application; None before anything is issued."""
    issued = contracts_of(application)
    if not issued:
        return None
    lines, total = issue_statement(issued)
    return stored_pdf(
        f"fee-statement/{application.id}",
        lambda: render_pdf(
            "pdf/fee_statement.html", application=application, lines=lines, total=total
        ),
    )


def fee_difference_pdf(contract: GuaranteeContract, version: CertificateVersion) -> bytes | None:
    """The additional fee or refund of a change; None for a version without one."""
    if version.fee_difference is None:
        return None
    return stored_pdf(
        f"fee-difference/{version.id}",
        lambda: render_pdf("pdf/fee_difference.html", contract=contract, version=version),
    )
