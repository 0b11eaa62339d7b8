"""利用者の管理 and お知らせの設定: a company's 会社管理者 adds and disables the company's users
and chooses which notices the company receives."""

from functools import partial

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.access import company_admin_only, restrict_to
from blueprints.account.forms import CompanyAccountForm
from blueprints.account.new_user import new_user_page
from blueprints.notice_forms import notice_switches, wanted
from blueprints.refusals import ACTIVE_CHANGED, flash_outcome, render_form
from domain.notices import CONTRACTOR_NOTICES
from extensions import db
from models import Role, User
from operations.contractors import add_company_user, set_company_user_active
from operations.notices import notices_on, set_notices

bp = Blueprint("company", __name__)
restrict_to(bp, Role.APPLICANT)


@bp.before_request
@company_admin_only
def _only_company_admins():
    """Every page here is for the company's 会社管理者."""


@bp.get("/users")
def users():
    """利用者一覧 of the company."""
    listed = db.session.scalars(
        select(User).where(User.contractor_id == current_user.contractor_id).order_by(User.login_id)
    ).all()
    return render_template(
        "company/users.html",
        users=listed,
        toggle_url=lambda user: url_for(".user_active", user_id=user.id),
    )


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    """利用者の追加: the new user sets a password through a mailed one-time link."""

    def add(form: CompanyAccountForm) -> User:
        account = form.account(admin=form.company_admin.data)
        return add_company_user(current_user, current_user.contractor, account)[0]

    return new_user_page(
        CompanyAccountForm(), add, noun="利用者", title="利用者の追加", back=url_for(".users")
    )


@bp.post("/users/<int:user_id>/active")
def user_active(user_id: int):
    """Disable (or enable again) a user of the company; another company's user is 404."""
    user = db.first_or_404(
        select(User).where(User.id == user_id, User.contractor_id == current_user.contractor_id)
    )
    active = request.form.get("active") == "1"
    change = partial(set_company_user_active, current_user, user, active)
    flash_outcome(change, f"「{user.login_id}」を{ACTIVE_CHANGED[active]}。")
    return redirect(url_for(".users"), code=303)


@bp.route("/notifications", methods=["GET", "POST"])
def notifications():
    """お知らせの設定: which notices the company receives (e.g. the orderer's 確認)."""
    contractor = current_user.contractor
    form = notice_switches(CONTRACTOR_NOTICES, notices_on(contractor))
    if form.validate_on_submit():
        set_notices(current_user, contractor, wanted(form, CONTRACTOR_NOTICES))
        flash("お知らせの設定を保存しました。")
        return redirect(url_for(".notifications"), code=303)
    return render_form("company/notifications.html", form)
