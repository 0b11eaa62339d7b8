"""The applicant's guarantee contracts: the list with its tabs, the detail with the 認証キー,
the certificate (保証証券) of a version, and the PDFs."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from blueprints.applicant.forms import ContractSearchForm, SubmissionForm
from blueprints.applicant.routes import (
    bp,
    own_application,
    own_contract,
    readable_applications_listed,
)
from blueprints.downloads import pdf_download
from blueprints.htmx import render_page_or_fragment
from blueprints.lookups import shown_version_or_404
from blueprints.paging import capped_page
from blueprints.refusals import form_status, show_refusal
from blueprints.search import contains
from blueprints.security import never_stored
from documents.certificate import certificate_view
from extensions import db
from models import Application, CertificateVersion, GuaranteeContract, Orderer
from operations.documents import (
    cancellation_refund_pdf,
    certificate_pdf,
    fee_difference_pdf,
    fee_statement_pdf,
    key_notice_pdf,
)
from operations.errors import DomainError
from operations.keys import reveal_key
from operations.submissions import latest_submission, submit_to_orderer, withdraw_submission

TABS = {"list": "保証契約一覧", "keys": "電子保証(認証キー)", "history": "電子保証履歴一覧"}
PER_PAGE = 20
#: The search's query parameters, kept by the tabs and the pager.
SEARCH_FIELDS = ("q", "orderer_id", "issued_from", "issued_to")


@bp.get("/contracts")
@never_stored
def contracts():
    """保証契約一覧 with search; the tabs swap as htmx fragments and work as plain links.

    The 電子保証(認証キー) tab shows the key of the company's own contracts that still offer one
    (a JV member reads the JV's contracts but never their keys), so no response is kept.
    """
    tab = request.args.get("tab") if request.args.get("tab") in TABS else "list"
    orderers = db.session.scalars(select(Orderer).order_by(Orderer.name)).all()
    form = ContractSearchForm(formdata=request.args, orderers=orderers)
    valid = form.validate()
    statement = _searched(form if valid else None, electronic_only=tab != "list")
    if tab == "history":
        shown = statement.with_only_columns(GuaranteeContract.id).order_by(None)
        statement = (
            select(CertificateVersion)
            .where(CertificateVersion.contract_id.in_(shown), CertificateVersion.still_shown())
            .order_by(CertificateVersion.issued_at.desc(), CertificateVersion.id.desc())
            .options(
                selectinload(CertificateVersion.contract).joinedload(GuaranteeContract.application),
                selectinload(CertificateVersion.confirmation),
            )
        )
    else:
        statement = statement.options(contains_eager(GuaranteeContract.application))
    results = capped_page(statement, PER_PAGE)
    keys = {}
    if tab == "keys":
        keys = {contract.id: _key_shown(contract) for contract in results.items}
    return render_page_or_fragment(
        "applicant/contracts.html",
        "applicant/_contracts_tab.html",
        form_status(form),
        tab=tab,
        tabs=TABS,
        form=form,
        results=results,
        keys=keys,
        search={name: request.args[name] for name in SEARCH_FIELDS if request.args.get(name)},
    )


@bp.get("/contracts/<int:contract_id>")
@never_stored
def contract(contract_id: int):
    """電子保証概要: the contract as it stands, its 認証キー (until 解約), how to hand it to the
    orderer (and its submission in the service), its visible history. A member of the JV
    reads it without the key and without the submission."""
    contract = own_contract(contract_id, read_only=True)
    return _contract_page(contract, _submission_form(contract, formdata=None))


@bp.post("/contracts/<int:contract_id>/submission")
@never_stored
def submit_contract(contract_id: int):
    """「発注者へ提出」: hand the contract's key to its orderer inside the service."""
    contract = own_contract(contract_id)
    form = _submission_form(contract)
    if form.validate():
        try:
            submit_to_orderer(current_user, contract, form.department.data or "")
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"{contract.application.orderer.name}へ提出しました。")
            return redirect(url_for(".contract", contract_id=contract.id), code=303)
    return _contract_page(contract, form), 422


@bp.post("/contracts/<int:contract_id>/submission/withdraw")
def withdraw_contract_submission(contract_id: int):
    """提出の取下げ, until the orderer opens it."""
    contract = own_contract(contract_id)
    try:
        withdraw_submission(current_user, contract)
        flash("発注者への提出を取り下げました。")
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for(".contract", contract_id=contract.id), code=303)


def _submission_form(contract: GuaranteeContract, **kwargs) -> SubmissionForm:
    return SubmissionForm(departments=contract.application.orderer.department_list, **kwargs)


def _is_own(contract: GuaranteeContract) -> bool:
    """Issued to the user's company (not a JV's contract the company only reads)."""
    return contract.application.contractor_id == current_user.contractor_id


def _key_shown(contract: GuaranteeContract) -> str | None:
    """The 認証キー the user may see: of the company's own contract, until 解約."""
    return reveal_key(contract) if _is_own(contract) and contract.offers_key else None


def _contract_page(contract: GuaranteeContract, form: SubmissionForm):
    own = _is_own(contract)
    return render_template(
        "applicant/contract.html",
        contract=contract,
        own=own,
        key=_key_shown(contract),
        submission=latest_submission(contract) if own else None,
        submission_form=form,
    )


@bp.get("/contracts/<int:contract_id>/versions/<int:seq>")
def certificate(contract_id: int, seq: int):
    """保証証券 of a version: the same content the orderer sees."""
    contract = own_contract(contract_id, read_only=True)
    version = shown_version_or_404(contract, seq)
    return render_template(
        "applicant/certificate.html",
        contract=contract,
        version=version,
        certificate=certificate_view(version.snapshot, version.fingerprint),
    )


@bp.get("/contracts/<int:contract_id>/key-notice.pdf")
@never_stored
def key_notice(contract_id: int):
    """「電子保証にかかる「認証キー」のお知らせ」: rendered each time, the key is kept encrypted;
    not given out once the contract is cancelled."""
    contract = own_contract(contract_id)
    if not contract.offers_key:
        abort(404)
    pdf = key_notice_pdf(contract, reveal_key(contract))
    return pdf_download(pdf, f"認証キーのお知らせ_{contract.number}.pdf")


@bp.get("/contracts/<int:contract_id>/versions/<int:seq>/certificate.pdf")
def certificate_download(contract_id: int, seq: int):
    """The certificate of a version as a PDF, rendered once and kept."""
    contract = own_contract(contract_id, read_only=True)
    version = shown_version_or_404(contract, seq)
    pdf = certificate_pdf(contract, version)
    return pdf_download(pdf, f"保証証券_{contract.number}_{version.label}.pdf")


@bp.get("/contracts/<int:contract_id>/versions/<int:seq>/fee-difference.pdf")
def fee_difference_download(contract_id: int, seq: int):
    """追加保証料計算書 or 保証料返還計算書 of a change (kept once rendered)."""
    contract = own_contract(contract_id)
    version = shown_version_or_404(contract, seq)
    pdf = fee_difference_pdf(contract, version.version)
    return pdf_download(pdf, f"{version.fee_statement_title}_{contract.number}_{version.label}.pdf")


@bp.get("/contracts/<int:contract_id>/cancellation-refund.pdf")
def cancellation_refund_download(contract_id: int):
    """保証料返還計算書 of a 解約 (kept once rendered); 404 while the contract is not cancelled."""
    contract = own_contract(contract_id)
    pdf = cancellation_refund_pdf(contract)
    return pdf_download(pdf, f"保証料返還計算書_{contract.number}_解約.pdf")


@bp.get("/applications/<int:application_id>/fee-statement.pdf")
def fee_statement_download(application_id: int):
    """保証料計算書: every guarantee issued on the application, kept once rendered."""
    pdf = fee_statement_pdf(own_application(application_id))
    return pdf_download(pdf, f"保証料計算書_{application_id:08d}.pdf")


def _searched(form: ContractSearchForm | None, electronic_only: bool):
    """The company's contracts, narrowed by the search (when it is valid), newest first."""
    statement = (
        select(GuaranteeContract)
        .join(Application)
        .where(readable_applications_listed())
        .order_by(GuaranteeContract.issued_at.desc(), GuaranteeContract.id.desc())
    )
    if electronic_only:
        statement = statement.where(GuaranteeContract.key_digest.is_not(None))
    if form is None:
        return statement
    if form.q.data:
        pattern = contains(form.q.data)
        statement = statement.where(
            Application.work_name.ilike(pattern, escape="\\")
            | GuaranteeContract.number.ilike(pattern, escape="\\")
        )
    if form.orderer_id.data:
        statement = statement.where(Application.orderer_id == int(form.orderer_id.data))
    if form.issued_from.data:
        statement = statement.where(GuaranteeContract.issued_on >= form.issued_from.data)
    if form.issued_to.data:
        statement = statement.where(GuaranteeContract.issued_on <= form.issued_to.data)
    return statement
