"""Branches (支店・営業部), by head-office staff."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.access import head_office_only
from blueprints.admin.forms import BranchForm
from blueprints.admin.routes import bp
from blueprints.refusals import render_form, show_refusal
from extensions import db
from models import Branch
from operations.errors import DomainError
from operations.organisations import branch_code_locked, save_branch


@bp.get("/branches")
@head_office_only
def branches():
    """支店一覧."""
    listed = db.session.scalars(select(Branch).order_by(Branch.code)).all()
    return render_template("admin/branches.html", branches=listed)


@bp.route("/branches/new", methods=["GET", "POST"])
@head_office_only
def new_branch():
    """支店の登録."""
    return _branch_form(None)


@bp.route("/branches/<int:branch_id>/edit", methods=["GET", "POST"])
@head_office_only
def edit_branch(branch_id: int):
    """支店の変更 (the code only while no application was sent to it)."""
    return _branch_form(db.get_or_404(Branch, branch_id))


def _branch_form(branch: Branch | None):
    form = BranchForm(obj=branch)
    locked = branch is not None and branch_code_locked(branch)
    if request.method == "POST" and form.validate():
        try:
            saved = save_branch(current_user, form.fields(), branch)
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"「{saved.name}」を{'変更' if branch else '登録'}しました。")
            return redirect(url_for(".branches"), code=303)
    return render_form("admin/branch_form.html", form, branch=branch, locked=locked)
