"""The fee schedule (保証料率表): every rate in force, its history, and editing it."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from blueprints.branch import bp
from blueprints.branch.forms import FeeRateForm
from blueprints.fields import posted_int
from blueprints.htmx import render_page_or_fragment
from blueprints.lookups import enum_or_404
from blueprints.refusals import form_status, show_refusal
from domain.kinds import GuaranteeKind, OrdererCategory
from operations.errors import DomainError
from operations.fees import current_rates, rate_history, set_fee_rate


@bp.get("/fees")
def fees():
    """保証料率表: the rate in force for each guarantee kind and 発注者区分."""
    return render_template(
        "branch/fees.html",
        rates=current_rates(),
        kinds=list(GuaranteeKind),
        categories=list(OrdererCategory),
    )


@bp.route("/fees/<kind>/<category>", methods=["GET", "POST"])
def edit_fee(kind: str, category: str):
    """Change one rate; the one it replaces stays in the history shown below the form."""
    kind, category = _pair(kind, category)
    current = current_rates().get((kind, category))
    form = FeeRateForm()
    if not form.is_submitted():
        form.based_on.data = str(current.id) if current else ""
        if current:
            form.annual_rate.data, form.minimum_fee.data = current.annual_rate, current.minimum_fee
    elif form.validate():
        try:
            set_fee_rate(
                current_user, kind, category, form.annual_rate.data, form.minimum_fee.data,
                posted_int(form.based_on.data),
            )  # fmt: skip
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"{kind.label}・{category.label}の保証料率を変更しました。")
            return redirect(url_for(".fees"), code=303)
    return render_page_or_fragment(
        "branch/fee_edit.html",
        "branch/_fee_form.html",
        form_status(form),
        form=form,
        kind=kind,
        category=category,
        current=current,
        history=rate_history(kind, category),
    )


def _pair(kind: str, category: str) -> tuple[GuaranteeKind, OrdererCategory]:
    return enum_or_404(GuaranteeKind, kind), enum_or_404(OrdererCategory, category)
