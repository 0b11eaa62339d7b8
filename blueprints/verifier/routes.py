"""The orderer staff's viewing service: open a certificate by number and key, check it, print it."""

from datetime import datetime, timedelta

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.exceptions import RequestEntityTooLarge

from blueprints.access import restrict_to
from blueprints.downloads import csv_download, pdf_download
from blueprints.errors import error_page
from blueprints.htmx import render_page_or_fragment
from blueprints.lookups import shown_version_or_404
from blueprints.refusals import form_status, render_form, show_refusal
from blueprints.security import never_stored
from blueprints.uploads import UPLOADS
from blueprints.verifier.forms import CrossCheckForm, LookupForm, PdfCheckForm
from clock import now, today
from documents.certificate import certificate_view
from documents.checked_list import checked_list_csv
from domain.lifecycle import version_standing
from domain.verification import certificate_facts, cross_check
from extensions import db, limiter
from models import (
    Application,
    CertificateVersion,
    CheckRecord,
    GuaranteeContract,
    Role,
    ShownVersion,
)
from operations.check_records import check_record_pdf, file_check_record
from operations.documents import certificate_pdf
from operations.errors import DomainError
from operations.filed_copies import check_filed_copy
from operations.notices import keep_watch
from operations.submissions import open_submission, submission_for, submissions_to
from operations.verification import checked_by, open_certificate, since_checked, view_version

bp = Blueprint("verifier", __name__)
restrict_to(bp, Role.VERIFIER)

#: How long a certificate stays open to the user's session after number and key opened it.
GRANT = timedelta(minutes=30)
_GRANTS = "opened_certificates"


def _per_user() -> str:
    return f"verifier:{current_user.id}"


@bp.route("/", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOOKUP_LIMIT_PER_USER"], key_func=_per_user, methods=["POST"]
)
@limiter.limit(lambda: current_app.config["LOOKUP_LIMIT_PER_ADDRESS"], methods=["POST"])
@never_stored
def lookup():
    """電子証書の確認: number and key by POST only (the key never in a URL or a log)."""
    form = LookupForm()
    if form.validate_on_submit():
        try:
            contract = open_certificate(
                current_user, form.number.data, form.key.data, request.remote_addr or ""
            )
        except DomainError as error:
            show_refusal(form, error)
            return render_form("verifier/lookup.html", form)
        _grant(contract)
        return redirect(url_for(".certificate", contract_id=contract.id), code=303)
    return render_form("verifier/lookup.html", form)


@bp.get("/certificates/<int:contract_id>")
def certificate(contract_id: int):
    """The certificate as it stands now (under its last visible label), opened by this session."""
    contract = _granted(contract_id)
    return _certificate_page(contract, contract.last_shown)


@bp.get("/certificates/<int:contract_id>/versions/<int:seq>")
def version(contract_id: int, seq: int):
    """One visible version of the history, with its current content."""
    contract = _granted(contract_id)
    return _certificate_page(contract, shown_version_or_404(contract, seq))


@bp.get("/certificates/<int:contract_id>/versions/<int:seq>/pdf")
def version_pdf(contract_id: int, seq: int):
    """The version as a PDF, to file with the contract (the same document the contractor has)."""
    contract = _granted(contract_id, page=False)
    shown = shown_version_or_404(contract, seq)
    pdf = certificate_pdf(contract, shown)
    return pdf_download(pdf, f"保証証券_{contract.number}_{shown.label}.pdf")


@bp.post("/certificates/<int:contract_id>/cross-check")
def check(contract_id: int):
    """照合: mark each typed value of the orderer's record that disagrees with the certificate."""
    contract = _granted(contract_id)
    form = CrossCheckForm()
    valid = form.validate()
    marks = {}
    if valid and form.keep.data:
        try:
            keep_watch(current_user, contract, form.work_end.data, form.contract_price.data)
        except DomainError as error:
            show_refusal(form, error)
            valid = False
    if valid:
        marks = cross_check(
            certificate_facts(contract.last_shown.snapshot),
            form.typed(),
            contract.application.orderer.contract_min_ratio,
        )
    return render_page_or_fragment(
        "verifier/certificate.html",
        "verifier/_cross_check.html",
        form_status(form),
        **_certificate_context(contract, contract.last_shown),
        check_form=form,
        marks=marks,
        checked=valid,
        kept=valid and form.keep.data,
    )


@bp.post("/certificates/<int:contract_id>/versions/<int:seq>/record")
def file_record(contract_id: int, seq: int):
    """確認記録票: file a record of this view (with the cross-check the clerk ran in it)."""
    contract = _granted(contract_id)
    shown = shown_version_or_404(contract, seq)
    form = CrossCheckForm()
    if not form.validate():
        return _certificate_page(contract, shown, form), 422
    check = file_check_record(current_user, shown, form.typed())
    return redirect(url_for(".record_pdf", record_id=check.id), code=303)


@bp.get("/records/<int:record_id>/pdf")
@never_stored
def record_pdf(record_id: int):
    """A filed 確認記録票 (it carries its re-check code), to the record's own orderer only."""
    check = db.first_or_404(
        select(CheckRecord).where(
            CheckRecord.id == record_id, CheckRecord.orderer_id == current_user.orderer_id
        )
    )
    name = f"確認記録票_{check.contract.number}_{check.version_label}_{check.id}.pdf"
    return pdf_download(check_record_pdf(check), name)


@bp.route("/pdf-check", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOOKUP_LIMIT_PER_USER"], key_func=_per_user, methods=["POST"]
)
@limiter.limit(lambda: current_app.config["LOOKUP_LIMIT_PER_ADDRESS"], methods=["POST"])
def pdf_check():
    """「PDFを検証」: is a filed certificate PDF ours, and still the certificate? Never kept."""
    form = PdfCheckForm()
    if not form.validate_on_submit():
        return render_form("verifier/pdf_check.html", form)
    try:
        result = check_filed_copy(current_user, form.pdf.data.read())
    except DomainError as error:
        form.pdf.errors = [error.problems.get("pdf", error.message)]
        return render_template("verifier/pdf_check.html", form=form), 422
    return render_template("verifier/pdf_check.html", form=form, result=result)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """A file over the upload limit: said beside the field on 「PDFを検証」."""
    if request.endpoint != "verifier.pdf_check":
        return error_page(413)
    form = PdfCheckForm(formdata=None)
    form.pdf.errors = [f"ファイルが大きすぎます（{UPLOADS[request.endpoint] // 2**20}MB まで）。"]
    return render_template("verifier/pdf_check.html", form=form), 413


@bp.get("/checked")
def checked():
    """確認済み一覧: what this organisation has checked, flagged when changed or cancelled since."""
    return render_template("verifier/checked.html", rows=checked_by(current_user))


@bp.get("/checked.csv")
def checked_csv():
    """確認済み一覧 as CSV: every guarantee this organisation checked, as it stands today."""
    content = checked_list_csv(checked_by(current_user), today())
    return csv_download(content, f"確認済み一覧_{today():%Y%m%d}.csv")


@bp.get("/inbox")
def inbox():
    """提出受付一覧: contracts handed to this organisation in the service, by 担当課."""
    department = request.args.get("department", "")[:50]
    submissions = submissions_to(current_user, department)
    return render_template(
        "verifier/inbox.html",
        submissions=submissions,
        flags={s.id: since_checked(s.contract) for s in submissions},
        departments=current_user.orderer.department_list,
        department=department,
    )


@bp.post("/inbox/<int:submission_id>/open")
def open_submitted(submission_id: int):
    """Open a submitted contract without its key: the submission handed the key over. The
    certificate page stamps the view, as after a lookup."""
    submission = submission_for(current_user, submission_id)
    if submission is None:
        abort(404)
    try:
        contract = open_submission(current_user, submission)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for(".inbox"), code=303)
    _grant(contract)
    return redirect(url_for(".certificate", contract_id=contract.id), code=303)


def _certificate_page(
    contract: GuaranteeContract, shown: ShownVersion, check_form: CrossCheckForm | None = None
):
    view_version(current_user, shown)
    return render_template(
        "verifier/certificate.html",
        **_certificate_context(contract, shown),
        check_form=check_form or CrossCheckForm(formdata=None),
        marks={},
        checked=False,
        kept=False,
        print_view=request.args.get("print") == "1",  # 印刷用の表示: a plain link, no script
    )


def _certificate_context(contract: GuaranteeContract, shown: ShownVersion) -> dict:
    standing = version_standing(contract.standing_on(today()), shown.seq, contract.last_shown.seq)
    return {
        "contract": contract,
        "shown": shown,
        "certificate": certificate_view(shown.snapshot, shown.fingerprint),
        "standing": standing,
        "history": contract.visible_versions,
        "printed_at": now(),  # a printout says when it was printed
    }


def _grant(contract: GuaranteeContract) -> None:
    """Keep the certificate open to this session for GRANT, without typing the key again."""
    grants = {k: v for k, v in session.get(_GRANTS, {}).items() if _valid(v)}
    grants[str(contract.id)] = (now() + GRANT).isoformat()
    session[_GRANTS] = grants


def _granted(contract_id: int, page: bool = True) -> GuaranteeContract:
    """Get a guarantee contract by id, checking that this session opened it lately (by its
    key or from the inbox) and that it names the user's orderer; with what the certificate
    page shows (`page`: its versions' confirmations and the coverage watch).

    :raise 404: if the session did not open it lately, there is no such contract, or it
        names another orderer (each looks the same as none)
    """
    expiry = session.get(_GRANTS, {}).get(str(contract_id))
    if expiry is None or not _valid(expiry):
        abort(404)
    statement = (
        select(GuaranteeContract)
        .join(Application)
        .where(
            GuaranteeContract.id == contract_id,
            Application.orderer_id == current_user.orderer_id,
        )
    )
    if page:  # read with the contract, not one query per relation
        statement = statement.options(
            selectinload(GuaranteeContract.versions).joinedload(CertificateVersion.confirmation),
            joinedload(GuaranteeContract.coverage_watch),
        )
    return db.first_or_404(statement)


def _valid(expiry: str) -> bool:
    return datetime.fromisoformat(expiry) > now()
