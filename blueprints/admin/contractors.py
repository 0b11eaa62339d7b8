"""Contractor companies and their users, registered directly by branch staff."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.account.company_forms import ContractorForm
from blueprints.account.forms import CompanyAdminAccountForm
from blueprints.admin.routes import bp
from blueprints.refusals import show_refusal
from extensions import db
from models import Contractor, User
from operations.accounts import add_user, set_user_active
from operations.contractors import register_contractor
from operations.errors import DomainError


@bp.get("/contractors")
def contractors():
    """受注者一覧."""
    listed = db.session.scalars(select(Contractor).order_by(Contractor.name)).all()
    return render_template("admin/contractors.html", contractors=listed)


@bp.route("/contractors/new", methods=["GET", "POST"])
def new_contractor():
    """受注者の登録: the company and its first user (会社管理者) with a temporary password."""
    form = ContractorForm()
    if form.validate_on_submit():
        try:
            contractor, user = register_contractor(
                current_user, form.company(), form.account(company_admin=True)
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(
                f"「{contractor.name}」と会社管理者「{user.login_id}」を登録しました。"
                "仮パスワードをご担当者にお伝えください。"
            )
            return redirect(url_for(".contractor", contractor_id=contractor.id), code=303)
    status = 422 if form.errors or form.form_errors else 200
    return render_template("admin/contractor_form.html", form=form), status


@bp.get("/contractors/<int:contractor_id>")
def contractor(contractor_id: int):
    """A company and its users."""
    contractor = _contractor(contractor_id)
    users = db.session.scalars(
        select(User).where(User.contractor_id == contractor.id).order_by(User.login_id)
    ).all()
    return render_template(
        "admin/contractor.html",
        contractor=contractor,
        users=users,
        toggle_url=lambda user: url_for(
            ".member_active", contractor_id=contractor.id, member_id=user.id
        ),
    )


@bp.route("/contractors/<int:contractor_id>/users/new", methods=["GET", "POST"])
def new_member(contractor_id: int):
    """利用者の追加 by branch staff (temporary password, changed at first login)."""
    contractor = _contractor(contractor_id)
    form = CompanyAdminAccountForm()
    if form.validate_on_submit():
        try:
            user, _ = add_user(
                current_user, contractor, form.account(company_admin=form.company_admin.data)
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(
                f"利用者「{user.login_id}」を追加しました。仮パスワードをご本人にお伝えください。"
            )
            return redirect(url_for(".contractor", contractor_id=contractor.id), code=303)
    status = 422 if form.errors or form.form_errors else 200
    back = url_for(".contractor", contractor_id=contractor.id)
    title = f"利用者の追加：{contractor.name}"
    return render_template("account/new_account.html", form=form, title=title, back=back), status


@bp.post("/contractors/<int:contractor_id>/users/<int:member_id>/active")
def member_active(contractor_id: int, member_id: int):
    """Disable (or enable again) a user of the company."""
    contractor = _contractor(contractor_id)
    member = db.session.scalar(
        select(User).where(User.id == member_id, User.contractor_id == contractor.id)
    )
    if member is None:
        abort(404)
    active = request.form.get("active") == "1"
    set_user_active(current_user, member, active)
    flash(f"「{member.login_id}」を{'有効に' if active else '無効に'}しました。")
    return redirect(url_for(".contractor", contractor_id=contractor.id), code=303)


def _contractor(contractor_id: int) -> Contractor:
    contractor = db.session.get(Contractor, contractor_id)
    if contractor is None:
        abort(404)
    return contractor
