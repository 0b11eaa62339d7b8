"""確認記録票: the record a clerk files after opening a certificate, and its public re-check."""

from sqlalchemy import select

from clock import now, today
from documents.certificate import certificate_view
from documents.pdf import render_pdf
from domain.check_records import (
    CHECK_ITEMS,
    check_results,
    code_digest,
    grouped,
    new_code,
    normalise_code,
)
from domain.verification import OrdererRecord, certificate_facts, cross_check
from extensions import db
from models import CheckRecord, ShownVersion, User
from operations.audit import record
from operations.documents import stored_pdf
from operations.verification import view_version


def file_check_record(user: User, shown: ShownVersion, typed: OrdererRecord) -> CheckRecord:
    """A new 確認記録票 of the clerk's view of `shown`: the typed values are cross-checked
    again here (nothing typed: every item 未入力), and the PDF is rendered and kept at once,
    since its code is known only now."""
    contract = shown.contract
    view_version(user, shown)  # the record is of a view: it has its 電子保証発行日時
    marks = cross_check(
        certificate_facts(shown.snapshot), typed, contract.application.orderer.contract_min_ratio
    )
    code = new_code()
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
    )
    db.session.add(check)
    record(user, "certificate.check_recorded", check, f"{contract.number} {shown.label}")
    stored_pdf(
        _document_name(check),
        lambda: render_pdf(
            "pdf/check_record.html",
            check=check,
            shown=shown,
            certificate=certificate_view(shown.snapshot),
            items=CHECK_ITEMS,
            warning=marks.get("warning"),
            code=grouped(code),
        ),
    )
    return check


def check_record_pdf(check: CheckRecord) -> bytes:
    """The kept PDF of a filed record (rendered when it was filed, with its code)."""
    return stored_pdf(_document_name(check), _filed_without_pdf)


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
