"""契約保証予約 on the Net Desk: apply (paper only), download the 予約's documents, and
「契約保証へ切替」 after the award."""

import secrets

from flask import flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.applicant.reservation_forms import ReservationForm, reservation_data
from blueprints.applicant.routes import bp, own_application, own_applications, save_posted
from blueprints.downloads import pdf_download
from blueprints.htmx import render_page_or_fragment
from blueprints.refusals import form_status
from domain.reservations import PAPER_ONLY_REASON
from extensions import db
from models import Application, Branch, Orderer, Reservation
from operations.applications import application_terms
from operations.errors import DomainError
from operations.reservation_fees import fee_table_in_force
from operations.reservations import (
    convert_to_contract_guarantee,
    reservation_certificate_pdf,
    reservation_fee_statement_pdf,
    tax_rate,
)


@bp.route("/reservations/new", methods=["GET", "POST"])
def new_reservation():
    """契約保証予約の作成."""
    return reservation_form(None)


@bp.post("/applications/<int:application_id>/convert")
def convert(application_id: int):
    """「契約保証へ切替」: a 契約保証 application pre-filled from the issued 予約."""
    application = own_application(application_id)
    try:
        converted = convert_to_contract_guarantee(current_user, application)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for(".application", application_id=application.id), code=303)
    flash(
        f"契約保証予約 {application.number} から契約保証の申込を作成しました。"
        "請負契約日など落札後の内容を入力してください。"
    )
    return redirect(url_for(".edit_application", application_id=converted.id), code=303)


@bp.get("/applications/<int:application_id>/reservation.pdf")
def reservation_certificate(application_id: int):
    """契約保証予約証書 (to print and hand in with the bid)."""
    reservation = _issued_reservation(application_id)
    return pdf_download(
        reservation_certificate_pdf(reservation), f"契約保証予約証書_{reservation.number}.pdf"
    )


@bp.get("/applications/<int:application_id>/reservation-fee.pdf")
def reservation_fee_statement(application_id: int):
    """予約手数料計算書 (the fee with its consumption tax)."""
    reservation = _issued_reservation(application_id)
    return pdf_download(
        reservation_fee_statement_pdf(reservation), f"予約手数料計算書_{reservation.number}.pdf"
    )


def reservation_form(application: Application | None):
    """Show the 予約 form; save a draft, or go on to 申込確認 (edit_application comes here
    for a 予約)."""
    action = request.form.get("action", "")
    form = _form()
    if request.method == "GET":
        if application is None:
            form.form_token.data = secrets.token_urlsafe(24)
        else:
            form.process(data=reservation_data(application_terms(application)))
            form.form_token.data = application.form_token
            form.revision.data = str(application.revision)
        form.orderer_id.flag_if_unavailable()
    elif form.validate() and (saved := save_posted(form, application, action)):
        return saved
    return render_page_or_fragment(
        "applicant/reservation_form.html",
        "applicant/_reservation_form.html",
        form_status(form) if request.method == "POST" else 200,
        form=form,
        application=application,
        paper_only_reason=PAPER_ONLY_REASON,
        fee_table=fee_table_in_force(),
        tax_rate=tax_rate(),
    )


def _issued_reservation(application_id: int) -> Reservation:
    """The issued 予約 of the company's own application, or 404."""
    return db.first_or_404(
        select(Reservation)
        .join(Application)
        .where(Application.id == application_id, own_applications())
    )


def _form(**kwargs) -> ReservationForm:
    orderers = db.session.scalars(select(Orderer).order_by(Orderer.name)).all()
    branches = db.session.scalars(select(Branch).order_by(Branch.code)).all()
    return ReservationForm(orderers=orderers, branches=branches, **kwargs)
