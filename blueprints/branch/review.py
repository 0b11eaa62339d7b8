"""The queue of sent applications and their review: return, decline, issue."""

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints import paging
from blueprints.branch import bp
from blueprints.branch.forms import DeclineForm, ReturnForm, RevisionForm, posted_int
from blueprints.branch.scope import application_or_404, sent_applications
from blueprints.downloads import pdf_download
from blueprints.htmx import render_page_or_fragment
from blueprints.paging import capped_page
from blueprints.search import narrowed_to_matches
from domain.application_rules import guarantee_ratio
from domain.kinds import GuaranteeKind
from models import Application, ApplicationStatus
from operations.applications import application_terms, problems_with
from operations.clock import today
from operations.documents import fee_statement_pdf
from operations.errors import DomainError
from operations.fees import quote
from operations.issuance import contracts_of, issue_guarantees
from operations.review import REVIEWABLE, decline_application, open_for_review, return_application

PER_PAGE = 20
#: The queue's sort orders: (label, ORDER BY).
SORTS = {
    # Each ends in the id, so a page's rows never move to another page between two requests;
    # each is served by an index (branch, key, id) (models/applications.py).
    "updated": ("更新日時の新しい順", (Application.updated_at.desc(), Application.id.desc())),
    "submitted": ("送信日時の古い順", (Application.submitted_at.asc(), Application.id.asc())),
    "number": ("申込番号順", (Application.id.asc(),)),
    "work_name": ("工事名順", (Application.work_name.asc(), Application.id.asc())),
}
QUEUE_STATUSES = [s for s in ApplicationStatus if s is not ApplicationStatus.DRAFT]


@bp.get("/")
def queue():
    """受付一覧: applications sent to the branch, filtered, searched, sorted and paged."""
    status = _status_filter(request.args.get("status", ""))
    search = request.args.get("q", "").strip()[:100]
    sort = request.args.get("sort", "") if request.args.get("sort") in SORTS else "updated"
    statement = (
        select(Application).where(sent_applications()).options(selectinload(Application.guarantees))
    )
    if status is not None:
        statement = statement.where(Application.status == status)
    if search:
        statement = narrowed_to_matches(statement, search, paging.COUNT_CAP)
    page = capped_page(statement.order_by(*SORTS[sort][1]), PER_PAGE)
    return render_page_or_fragment(
        "branch/queue.html",
        "branch/_queue_table.html",
        results=page,
        status=status,
        search=search,
        sort=sort,
        sorts=SORTS,
        statuses=QUEUE_STATUSES,
    )


@bp.get("/applications/<int:application_id>")
def application(application_id: int):
    """The application as sent, the rules checked again, the fee quote; opening marks 審査中."""
    application = application_or_404(application_id)
    open_for_review(current_user, application)
    return _review_page(application)


@bp.post("/applications/<int:application_id>/return")
def return_(application_id: int):
    """差戻し: back to the applicant with a message."""
    application = application_or_404(application_id)
    form = ReturnForm()
    if not form.validate():
        return _review_page(application, return_form=form, status=422)
    try:
        return_application(
            current_user, application, posted_int(form.revision.data), form.message.data
        )
    except DomainError as error:
        return _refused(application, error)
    flash(f"申込 {application.number} を差戻しました。")
    return redirect(url_for(".application", application_id=application.id), code=303)


@bp.post("/applications/<int:application_id>/decline")
def decline(application_id: int):
    """謝絶: refuse the application, with the reason."""
    application = application_or_404(application_id)
    form = DeclineForm()
    if not form.validate():
        return _review_page(application, decline_form=form, status=422)
    try:
        decline_application(
            current_user, application, posted_int(form.revision.data), form.reason.data
        )
    except DomainError as error:
        return _refused(application, error)
    flash(f"申込 {application.number} を謝絶しました。")
    return redirect(url_for(".application", application_id=application.id), code=303)


@bp.post("/applications/<int:application_id>/issue")
def issue(application_id: int):
    """発行: issue every requested guarantee of the application."""
    application = application_or_404(application_id)
    form = RevisionForm()
    if not form.validate():
        return _review_page(application, status=422)
    try:
        contracts = issue_guarantees(current_user, application, posted_int(form.revision.data))
    except DomainError as error:
        return _refused(application, error)
    flash("保証を発行しました：" + "、".join(f"{c.kind.label} {c.number}" for c in contracts))
    return redirect(url_for(".application", application_id=application.id), code=303)


@bp.get("/applications/<int:application_id>/fee-statement.pdf")
def fee_statement_download(application_id: int):
    """保証料計算書 of an issued application, on demand for staff."""
    pdf = fee_statement_pdf(application_or_404(application_id))
    if pdf is None:
        abort(404)
    return pdf_download(pdf, f"保証料計算書_{application_id:08d}.pdf")


def _review_page(application: Application, status: int = 200, **forms):
    """The review page, with the forms as posted when one of them had errors."""
    terms = application_terms(application)
    reviewable = application.status in REVIEWABLE
    return render_page_or_fragment(
        "branch/application.html",
        "branch/_decision.html",
        status,
        application=application,
        problems=problems_with(terms) if reviewable else {},
        summary_ratios={kind: guarantee_ratio(terms, kind) for kind in GuaranteeKind},
        quote=quote(application, today()) if reviewable else None,
        contracts=contracts_of(application),
        reviewable=reviewable,
        return_form=forms.get("return_form") or ReturnForm(formdata=None),
        decline_form=forms.get("decline_form") or DeclineForm(formdata=None),
    )


def _refused(application: Application, error: DomainError):
    """A refused decision: the message on the page as it is now, nothing changed."""
    flash(error.message, "error")
    return redirect(url_for(".application", application_id=application.id), code=303)


def _status_filter(value: str) -> ApplicationStatus | None:
    try:
        status = ApplicationStatus(value)
    except ValueError:
        return None
    return status if status is not ApplicationStatus.DRAFT else None
