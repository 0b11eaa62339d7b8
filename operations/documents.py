"""Documents kept once rendered: a version's certificate and the fee statements."""

import hashlib
from collections.abc import Callable
from datetime import date
from functools import partial

from cryptography.fernet import InvalidToken
from sqlalchemy import delete, select

from clock import now
from documents.certificate import certificate_view
from documents.pdf import pdf_of, render_html, render_pdf
from documents.signing import sign_pdf
from documents.statements import issue_statement
from domain.changes import VersionKind
from domain.fees import Refund, refund_due
from domain.japan_time import jst_date
from extensions import db
from models import (
    Application,
    CertificateVersion,
    GuaranteeContract,
    ShownVersion,
    StoredDocument,
    UseStatement,
    UseStatementStatus,
    Withdrawal,
)
from operations.issuance import contracts_of
from operations.keys import keyed_digest, seal, unseal
from operations.locks import insert_once
from operations.seals import latest_seal

#: The reason every stored document's signature gives.
SIGNING_REASON = "保証会社が発行した文書（改ざんがあれば署名が無効になります）"


def stored_pdf(name: str, render: Callable[[], bytes]) -> bytes:
    """The document called `name`: rendered, signed and kept the first time, the kept bytes
    after (so a download never signs)."""
    kept = select(StoredDocument).where(StoredDocument.name == name)
    stored = db.session.scalar(kept)
    if stored is None:
        content = sign_pdf(render(), reason=SIGNING_REASON)
        digest = hashlib.sha256(content).hexdigest()
        insert_once(StoredDocument, name=name, content=content, sha256=digest, created_at=now())
        stored = db.session.scalar(kept)  # ours, or the one a simultaneous first download kept
    return stored.content


def key_notice_pdf(contract: GuaranteeContract, key: str) -> bytes:
    """「認証キーのお知らせ」, signed. It holds the key, so it is kept only encrypted (as the
    key's own copy) and named by a keyed digest of its HTML: rendered and signed once per
    content (a new key, changed 提出方法 of the orderer: a new document, the older ones of
    the contract removed), decrypted after. A copy no configured key opens is made again."""
    html = render_html("pdf/key_notice.html", contract=contract, key=key)
    prefix = f"key-notice/{contract.id}/"
    name = prefix + keyed_digest(html)
    stored = db.session.scalar(select(StoredDocument).where(StoredDocument.name == name))
    if stored is not None:
        try:
            return unseal(stored.content)
        except InvalidToken:
            pass
    notice = sign_pdf(pdf_of(html, "pdf/key_notice.html"), reason=SIGNING_REASON)
    db.session.execute(delete(StoredDocument).where(StoredDocument.name.startswith(prefix)))
    sealed = seal(notice)
    digest = hashlib.sha256(sealed).hexdigest()
    insert_once(StoredDocument, name=name, content=sealed, sha256=digest, created_at=now())
    return notice


def certificate_pdf(contract: GuaranteeContract, shown: ShownVersion) -> bytes:
    """The 保証証券 of a visible version (printable; for paper guarantees the certificate sent).

    Kept as issued; content corrected later (訂正, 変更取消) is a new document under the same label.
    """
    name = f"certificate/{shown.version.id}"
    if shown.corrected:
        name += f"/{shown.content.id}"
    return stored_pdf(
        name,
        lambda: render_pdf(
            "pdf/certificate.html",
            certificate=certificate_view(shown.snapshot, shown.fingerprint),
            contract=contract,
            seal=latest_seal(),
        ),
    )


def issued_certificate(document: bytes) -> tuple[CertificateVersion, CertificateVersion] | None:
    """The visible version and the content whose kept certificate PDF is exactly `document`
    (see certificate_pdf's names), or None when we kept no such certificate."""
    digest = hashlib.sha256(document).hexdigest()
    for stored in db.session.scalars(select(StoredDocument).where(StoredDocument.sha256 == digest)):
        kind, _, ids = stored.name.partition("/")
        if kind != "certificate" or stored.content != document:
            continue
        version_id, _, content_id = ids.partition("/")
        version = db.session.get(CertificateVersion, int(version_id))
        content = db.session.get(CertificateVersion, int(content_id)) if content_id else version
        return version, content
    return None


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
    """追加保証料計算書 or 保証料返還計算書 of a version; None for a version without one."""
    if version.fee_difference is None:
        return None
    if version.kind is VersionKind.DECREASE:
        render = partial(
            _refund_pdf, contract, f"減額（{version.label}）", reduction_refund(version)
        )
    else:
        render = partial(render_pdf, "pdf/fee_difference.html", contract=contract, version=version)
    return stored_pdf(f"fee-difference/{version.id}", render)


def cancellation_refund_pdf(contract: GuaranteeContract) -> bytes | None:
    """保証料返還計算書 of a 解約; None while the contract is not cancelled."""
    refund = cancellation_refund(contract)
    if refund is None:
        return None
    return stored_pdf(
        f"cancellation-refund/{contract.id}", partial(_refund_pdf, contract, "解約", refund)
    )


def reduction_refund(version: CertificateVersion) -> Refund:
    """The refund of a 減額 (the rules of domain.fees.refund_due), from its version."""
    before = version.contract.versions[version.seq - 2].snapshot
    return refund_due(
        before["amount"] - version.snapshot["amount"],
        version.contract.rate,
        jst_date(version.issued_at),
        date.fromisoformat(version.snapshot["guarantee_end"]),
    )


def cancellation_refund(contract: GuaranteeContract) -> Refund | None:
    """The refund of a 解約 (the rules of domain.fees.refund_due); None if not cancelled."""
    if contract.cancelled_at is None:
        return None
    on = jst_date(contract.cancelled_at)
    return refund_due(contract.amount, contract.rate, on, contract.guarantee_end)


def _refund_pdf(contract: GuaranteeContract, cause: str, refund: Refund) -> bytes:
    return render_pdf("pdf/fee_refund.html", contract=contract, cause=cause, refund=refund)


def use_statement_pdf(statement: UseStatement) -> bytes | None:
    """前払金使途内訳明細書 of an accepted version, kept once rendered; None before acceptance."""
    if statement.status is not UseStatementStatus.ACCEPTED:
        return None
    return stored_pdf(
        f"use-statement/{statement.id}",
        partial(
            render_pdf, "pdf/use_statement.html", contract=statement.contract, statement=statement
        ),
    )


def withdrawal_pdf(withdrawal: Withdrawal) -> bytes:
    """前払金払出依頼書 for the bank counter: payee, use, amount, dated in Japan time; kept."""
    return stored_pdf(
        f"withdrawal/{withdrawal.id}",
        partial(
            render_pdf, "pdf/withdrawal.html", contract=withdrawal.contract, withdrawal=withdrawal
        ),
    )
