"""The 予約手数料 table of 契約保証予約, set by head-office staff."""

from flask import flash, redirect, request, url_for
from flask_login import current_user

from blueprints.access import head_office_only
from blueprints.admin.forms import ReservationFeeForm, reservation_fee_data
from blueprints.admin.routes import bp
from blueprints.confirmation import NOT_CONFIRMED, confirmed
from blueprints.fields import posted_int
from blueprints.refusals import render_form, show_refusal
from domain.reservations import describe_fee_bands
from operations.errors import DomainError
from operations.reservation_fees import (
    fee_table_history,
    fee_table_in_force,
    set_reservation_fees,
)
from operations.reservations import tax_rate


@bp.route("/reservation-fees", methods=["GET", "POST"])
@head_office_only
def reservation_fees():
    """予約手数料表: the table in force and its history; a new table replaces it (予約 issued
    before keep their fee)."""
    table = fee_table_in_force()
    if request.method == "GET":
        form = ReservationFeeForm(data=reservation_fee_data(table.bands))
        form.based_on.data = str(table.entry.id) if table.entry else ""
    else:
        form = ReservationFeeForm()
        valid = form.validate()
        if not confirmed():
            form.form_errors.append(NOT_CONFIRMED)
        elif valid:
            try:
                set_reservation_fees(current_user, form.rows(), posted_int(form.based_on.data))
            except DomainError as error:
                show_refusal(form, error)
            else:
                flash("予約手数料表を変更しました。")
                return redirect(url_for(".reservation_fees"), code=303)
    return render_form(
        "admin/reservation_fees.html",
        form,
        table=table,
        history=fee_table_history(),
        describe=describe_fee_bands,
        tax_rate=tax_rate(),
    )
