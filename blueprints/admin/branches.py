"""Branches (支店・営業部), by head-office staff."""

from functools import partial

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.access import head_office_only
from blueprints.account.forms import LinkedAccountForm
from blueprints.account.new_user import new_user_page
from blueprints.admin.forms import BranchForm
from blueprints.admin.routes import bp
from blueprints.refusals import ACTIVE_CHANGED, flash_outcome, render_form, show_refusal
from extensions import db
from models import Branch, User
from operations.branch_staff import add_branch_staff, set_branch_staff_active
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


@bp.get("/branches/<int:branch_id>")
@head_office_only
def branch(branch_id: int):
    """A branch and its staff (with 無効にする / 有効にする)."""
    branch = db.get_or_404(Branch, branch_id)
    staff = db.session.scalars(
        select(User).where(User.branch_id == branch.id).order_by(User.login_id)
    ).all()
    return render_template(
        "admin/branch.html",
        branch=branch,
        users=staff,
        toggle_url=lambda user: url_for(".staff_active", branch_id=branch.id, staff_id=user.id),
    )


@bp.route("/branches/<int:branch_id>/staff/new", methods=["GET", "POST"])
@head_office_only
def new_staff(branch_id: int):
    """職員の追加: a member of the branch's staff, who sets a password by mailed link."""
    branch = db.get_or_404(Branch, branch_id)

    def add(form: LinkedAccountForm) -> User:
        return add_branch_staff(current_user, branch, form.account())[0]

    return new_user_page(
        LinkedAccountForm(),
        add,
        noun="職員",
        title=f"職員の追加：{branch.name}",
        back=url_for(".branch", branch_id=branch.id),
    )


@bp.post("/branches/<int:branch_id>/staff/<int:staff_id>/active")
@head_office_only
def staff_active(branch_id: int, staff_id: int):
    """Disable (or enable again) a member of the branch's staff."""
    branch = db.get_or_404(Branch, branch_id)
    staff = db.first_or_404(select(User).where(User.id == staff_id, User.branch_id == branch.id))
    active = request.form.get("active") == "1"
    change = partial(set_branch_staff_active, current_user, staff, active)
    flash_outcome(change, f"「{staff.login_id}」を{ACTIVE_CHANGED[active]}。")
    return redirect(url_for(".branch", branch_id=branch.id, _anchor="staff"), code=303)


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
