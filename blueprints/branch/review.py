"""The queue of sent applications and their review: return, decline, issue."""

from flask import flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints import paging
from blueprints.branch import bp
from blueprints.branch.forms import DeclineForm, ReturnForm, RevisionForm
from blueprints.branch.scope import application_or_404, reservation_or_404, sent_applications
from blueprints.confirmation import NOT_CONFIRMED, confirmed
from blueprints.downloads import pdf_download
from blueprints.fields import posted_int
from blueprints.htmx import render_page_or_fragment
from blueprints.paging import capped_page
from blueprints.refusals import form_status, show_refusal
from blueprints.search import narrowed_to_matches
from clock import today
from domain.application_rules import guarantee_ratio
from domain.kinds import GuaranteeKind
from models import Application, ApplicationStatus, GuaranteeRequest
from operations.applications import application_terms, problems_with
from operations.documents import fee_statement_pdf
from operations.errors import DomainError
from operations.fees import quote
from operations.issuance import contracts_of, issue_guarantees
from operations.reservations import (
    charge_of,
    issue_reservation,
    reservation_certificate_pdf,
    reservation_fee_statement_pdf,
)
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
        select(Application)
        .where(sent_applications())
        .options(selectinload(Application.guarantees).selectinload(GuaranteeRequest.contract))
    )
    if status is not None:
        statement = statement.where(Application.status == status)
    more = False
    if search:
        statement, more = narrowed_to_matches(statement, search, paging.COUNT_CAP)
    page = capped_page(statement.order_by(*SORTS[sort][1]), PER_PAGE, more=more)
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
        return _review_page(application, return_form=form)
    try:
        return_application(
            current_user, application, posted_int(form.revision.data), form.message.data
        )
    except DomainError as error:
        show_refusal(form, error)
        return _review_page(application, return_form=form)
    flash(f"申込 {application.number} を差戻しました。")
    return redirect(url_for(".application", application_id=application.id), code=303)


@bp.post("/applications/<int:application_id>/decline")
def decline(application_id: int):
    """謝絶: refuse the application, with the reason."""
    application = application_or_404(application_id)
    form = DeclineForm()
    if not form.validate() or not confirmed():
        if not confirmed():
            flash(NOT_CONFIRMED, "error")
        return _review_page(application, decline_form=form, status=422)
    try:
        decline_application(
            current_user, application, posted_int(form.revision.data), form.reason.data
        )
    except DomainError as error:
        show_refusal(form, error)
        return _review_page(application, decline_form=form)
    flash(f"申込 {application.number} を謝絶しました。")
    return redirect(url_for(".application", application_id=application.id), code=303)


@bp.post("/applications/<int:application_id>/issue")
def issue(application_id: int):
    """発行: issue every requested guarantee of the application."""
    application = application_or_404(application_id)
    form = RevisionForm()
    if not form.validate() or not confirmed():
        if not confirmed():
            flash(NOT_CONFIRMED, "error")
        return _review_page(application, status=422)
    revision = posted_int(form.revision.data)
    try:
        if application.is_reservation:
            reservation = issue_reservation(current_user, application, revision)
            done = f"契約保証予約を発行しました：予約番号 {reservation.number}"
        else:
            contracts = issue_guarantees(current_user, application, revision)
            done = "保証を発行しました：" + "、".join(
                f"{c.kind.label} {c.number}" for c in contracts
            )
    except DomainError as error:
        # The 発行 button has no fields of its own: its refusal is a flash on the page.
        flash(error.message, "error")
    else:
        flash(done)
    return redirect(url_for(".application", application_id=application.id), code=303)


@bp.get("/applications/<int:application_id>/fee-statement.pdf")
def fee_statement_download(application_id: int):
    """保証料計算書 of an issued application, on demand for staff."""
    pdf = fee_statement_pdf(application_or_404(application_id))
    return pdf_download(pdf, f"保証料計算書_{application_id:08d}.pdf")


@bp.get("/applications/<int:application_id>/reservation.pdf")
def reservation_certificate(application_id: int):
    """契約保証予約証書 of an issued 予約 (the paper certificate to post)."""
    reservation = reservation_or_404(application_id)
    return pdf_download(
        reservation_certificate_pdf(reservation), f"契約保証予約証書_{reservation.number}.pdf"
    )


@bp.get("/applications/<int:application_id>/reservation-fee.pdf")
def reservation_fee_statement(application_id: int):
    """予約手数料計算書 of an issued 予約."""
    reservation = reservation_or_404(application_id)
    return pdf_download(
        reservation_fee_statement_pdf(reservation), f"予約手数料計算書_{reservation.number}.pdf"
    )


def _review_page(application: Application, status: int | None = None, **forms):
    """The review page, with a form as posted (422) when it had errors or was refused."""
    terms = application_terms(application)
    reviewable = application.status in REVIEWABLE
    return_form = forms.get("return_form") or ReturnForm(formdata=None)
    decline_form = forms.get("decline_form") or DeclineForm(formdata=None)
    return render_page_or_fragment(
        "branch/application.html",
        "branch/_decision.html",
        status or form_status(return_form, decline_form),
        application=application,
        problems=problems_with(terms) if reviewable else {},
        summary_ratios={kind: guarantee_ratio(terms, kind) for kind in GuaranteeKind},
        quote=quote(application, today())
        if reviewable and not application.is_reservation
        else None,
        charge=charge_of(application) if reviewable else None,
        contracts=contracts_of(application),
        reviewable=reviewable,
        return_form=return_form,
        decline_form=decline_form,
    )


def _status_filter(value: str) -> ApplicationStatus | None:
    try:
        status = ApplicationStatus(value)
    except ValueError:
        return None
    return status if status is not ApplicationStatus.DRAFT else None
