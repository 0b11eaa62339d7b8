"""確認記録票: the record a clerk files after opening a certificate, and its public re-check."""

from flask import current_app
from sqlalchemy import select

from clock import now, today
from documents.certificate import certificate_view
from documents.pdf import render_pdf
from documents.signing import sign_pdf
from domain.check_records import (
    CHECK_ITEMS,
    check_results,
    code_digest,
    derived_code,
    grouped,
    new_nonce,
    normalise_code,
)
from domain.verification import OrdererRecord, certificate_facts, cross_check
from extensions import db
from models import CheckRecord, ShownVersion, User
from operations.audit import record
from operations.documents import SIGNING_REASON, stored_pdf
from operations.verification import view_version


def file_check_record(user: User, shown: ShownVersion, typed: OrdererRecord) -> CheckRecord:
    """A new 確認記録票 of the clerk's view of `shown`: the typed values are cross-checked
    again here (nothing typed: every item 未入力). Neither the PDF nor its code is kept: the
    row holds what the PDF is rendered from, the nonce the code derives from and its digest."""
    contract = shown.contract
    view_version(user, shown)  # the record is of a view: it has its 電子保証発行日時
    marks = cross_check(
        certificate_facts(shown.snapshot), typed, contract.application.orderer.contract_min_ratio
    )
    nonce = new_nonce()
    code = derived_code(current_app.config["CHECK_CODE_SECRET"], nonce)
    check = CheckRecord(
        user=user,
        orderer_id=user.orderer_id,
        contract=contract,
        version=shown.version,
        version_label=shown.label,
        viewed_at=now(),
        results=check_results(typed, marks),
        standing=contract.standing_on(today()),
        code_digest=code_digest(code),
        code_nonce=nonce,
        content_version=shown.content,
        printed={
            "orderer": user.orderer.name,
            "clerk": user.name,
            "warning": marks.get("warning", ""),
        },
    )
    db.session.add(check)
    record(user, "certificate.check_recorded", check, f"{contract.number} {shown.label}")
    return check


def check_record_pdf(check: CheckRecord) -> bytes:
    """The record's PDF, signed: rendered on each download from the row, the same content and
    code each time (a record filed before codes were derived: its kept PDF)."""
    if check.code_nonce is None:
        return stored_pdf(_document_name(check), _filed_without_pdf)
    version = check.version
    pdf = render_pdf(
        "pdf/check_record.html",
        check=check,
        printed=check.printed,
        issued_at=version.confirmation.first_viewed_at,
        certificate=certificate_view(check.content_version.snapshot),
        items=CHECK_ITEMS,
        code=grouped(_code_of(check)),
    )
    return sign_pdf(pdf, reason=SIGNING_REASON)


def _code_of(check: CheckRecord) -> str:
    """The record's code, under the current CHECK_CODE_SECRET or the earlier one it was
    filed under (the one whose code has the stored digest)."""
    config = current_app.config
    for secret in [config["CHECK_CODE_SECRET"], *config.get("CHECK_CODE_SECRETS_OLD", [])]:
        code = derived_code(secret, check.code_nonce)
        if code_digest(code) == check.code_digest:
            return code
    raise RuntimeError(f"no configured CHECK_CODE_SECRET gives the code of record {check.id}")


def find_check_record(typed_code: str) -> CheckRecord | None:
    """The record whose code is `typed_code` (as a person types it); None for anything else."""
    code = normalise_code(typed_code)
    if code is None:
        return None
    return db.session.scalar(
        select(CheckRecord).where(CheckRecord.code_digest == code_digest(code))
    )


def _document_name(check: CheckRecord) -> str:
    return f"check-record/{check.id}"


def _filed_without_pdf() -> bytes:
    raise RuntimeError("a check record is filed with its PDF; none is kept for this one")
