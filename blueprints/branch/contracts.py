"""Issued guarantee contracts: list, detail, certificate versions, changes, audit trail."""

import unicodedata

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import or_, select

from blueprints.branch import bp
from blueprints.branch.forms import ChangeForm, RevisionForm
from blueprints.branch.scope import contract_or_404, of_my_branch
from blueprints.confirmation import NOT_CONFIRMED, confirmed
from blueprints.downloads import pdf_download
from blueprints.fields import posted_int
from blueprints.htmx import render_page_or_fragment
from blueprints.lookups import shown_version_or_404
from blueprints.refusals import bind_problems
from documents.certificate import certificate_view
from extensions import db
from models import AuditEntry, GuaranteeContract, OutboxMail
from operations.chain import chain_break
from operations.contract_changes import (
    cancel_contract,
    change_contract,
    reissue_key,
    undo_last_change,
)
from operations.documents import certificate_pdf
from operations.errors import DomainError
from operations.issuance import mark_shipped
from operations.verification import foreign_tries, lift_lockout, lockout_until

PER_PAGE = 20


@bp.get("/contracts")
def contracts():
    """保証契約一覧: the branch's contracts, newest first, searchable by 保証契約番号."""
    search = unicodedata.normalize("NFKC", request.args.get("q", "")).strip()[:20]
    statement = select(GuaranteeContract).where(of_my_branch(GuaranteeContract.branch_id))
    if search:
        statement = statement.where(GuaranteeContract.number.contains(search, autoescape=True))
    page = db.paginate(
        statement.order_by(GuaranteeContract.id.desc()), per_page=PER_PAGE, error_out=False
    )
    return render_template("branch/contracts.html", page=page, search=search)


@bp.get("/contracts/<int:contract_id>")
def contract(contract_id: int):
    """The contract now, its visible versions, and the actions staff can take."""
    return _contract_page(contract_or_404(contract_id))


@bp.get("/contracts/<int:contract_id>/versions/<int:seq>")
def certificate(contract_id: int, seq: int):
    """保証証券: one version exactly as it was issued, in the view every party and the PDF share."""
    contract = contract_or_404(contract_id)
    version = next((v for v in contract.versions if v.seq == seq), None)
    if version is None:
        abort(404)
    return render_template(
        "branch/certificate.html",
        contract=contract,
        version=version,
        certificate=certificate_view(version.snapshot, version.fingerprint),
    )


@bp.get("/contracts/<int:contract_id>/versions/<int:seq>/certificate.pdf")
def certificate_download(contract_id: int, seq: int):
    """The certificate of a visible version as a PDF, with its current content, as the
    contractor and the orderer get it (for paper guarantees: the one to print and post)."""
    contract = contract_or_404(contract_id)
    version = shown_version_or_404(contract, seq)
    pdf = certificate_pdf(contract, version)
    return pdf_download(pdf, f"保証証券_{contract.number}_{version.label}.pdf")


@bp.post("/contracts/<int:contract_id>/changes")
def change(contract_id: int):
    """増額・減額・保証期限変更・訂正: a new certificate version."""
    contract = contract_or_404(contract_id)
    form = ChangeForm()
    if not form.validate():
        return _contract_page(contract, form, 422)
    try:
        version = change_contract(
            current_user, contract, posted_int(form.revision.data), form.requested_change,
            form.reason.data or "",
        )  # fmt: skip
    except DomainError as error:
        if not error.problems:
            return _refused(contract, error)
        bind_problems(form, error.problems)
        return _contract_page(contract, form, 422)
    flash(f"{version.label}（{version.kind.label}）を発行しました。")
    return redirect(url_for(".contract", contract_id=contract.id), code=303)


@bp.post("/contracts/<int:contract_id>/undo")
def undo(contract_id: int):
    """変更取消: undo the latest change."""
    return _act(contract_id, undo_last_change, "直前の変更を取り消しました。", with_reason=True)


@bp.post("/contracts/<int:contract_id>/cancel")
def cancel(contract_id: int):
    """解約."""
    return _act(
        contract_id, cancel_contract, "保証契約を解約しました。", with_reason=True, confirm=True
    )


@bp.post("/contracts/<int:contract_id>/reissue-key")
def reissue(contract_id: int):
    """認証キー再発行: the old key stops working at once."""
    return _act(
        contract_id,
        reissue_key,
        "認証キーを再発行しました。これまでのキーは使えません。",
        confirm=True,
    )


@bp.post("/contracts/<int:contract_id>/lift-lock")
def lift_lock(contract_id: int):
    """ロック解除: the orderer may try its key again at once."""
    return _act(contract_id, lift_lockout, "ロックを解除しました。発注者は再び確認できます。")


@bp.post("/contracts/<int:contract_id>/ship")
def ship(contract_id: int):
    """発送済: the paper certificate has been posted."""
    return _act(contract_id, mark_shipped, "発送済にしました。")


@bp.get("/contracts/<int:contract_id>/audit")
def audit(contract_id: int):
    """The audit trail: who did what and when, every version (hidden ones too), every mail."""
    contract = contract_or_404(contract_id)
    subjects = or_(
        (AuditEntry.subject_type == "GuaranteeContract") & (AuditEntry.subject_id == contract.id),
        (AuditEntry.subject_type == "Application")
        & (AuditEntry.subject_id == contract.application_id),
    )
    mails = or_(
        (OutboxMail.subject_type == "GuaranteeContract") & (OutboxMail.subject_id == contract.id),
        (OutboxMail.subject_type == "Application")
        & (OutboxMail.subject_id == contract.application_id),
    )
    return render_template(
        "branch/audit.html",
        contract=contract,
        entries=db.session.scalars(
            select(AuditEntry).where(subjects).order_by(AuditEntry.id)
        ).all(),
        mails=db.session.scalars(select(OutboxMail).where(mails).order_by(OutboxMail.id)).all(),
    )


def _act(contract_id: int, operation, done: str, with_reason: bool = False, confirm: bool = False):
    """Run one revision-checked operation on the contract, then show the contract again; a
    decisive one (`confirm`) only with its confirmation box ticked."""
    contract = contract_or_404(contract_id)
    form = RevisionForm()
    if confirm and not confirmed():
        flash(NOT_CONFIRMED, "error")
        return _contract_page(contract, status=422)
    if not form.validate():
        return _contract_page(contract, status=422)
    reason = {"reason": form.reason.data or ""} if with_reason else {}
    try:
        operation(current_user, contract, posted_int(form.revision.data), **reason)
    except DomainError as error:
        return _refused(contract, error)
    flash(done)
    return redirect(url_for(".contract", contract_id=contract.id), code=303)


def _contract_page(
    contract: GuaranteeContract, change_form: ChangeForm | None = None, status: int = 200
):
    if change_form is None:
        change_form = ChangeForm(
            formdata=None, revision=contract.revision, new_end=contract.guarantee_end
        )
    return render_page_or_fragment(
        "branch/contract.html",
        "branch/_change_form.html",
        status,
        contract=contract,
        change_form=change_form,
        locked_until=lockout_until(contract) if contract.is_electronic else None,
        foreign_tries=foreign_tries(contract) if contract.is_electronic else [],
        broken_version=chain_break(contract),
    )


def _refused(contract: GuaranteeContract, error: DomainError):
    flash(error.message, "error")
    return redirect(url_for(".contract", contract_id=contract.id), code=303)
