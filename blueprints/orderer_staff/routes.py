"""職員管理: an orderer's 発注者管理者 adds, disables and re-enables the orderer's clerks."""

from functools import partial

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.access import orderer_admin_only, restrict_to
from blueprints.account.forms import OrdererAccountForm
from blueprints.account.new_user import new_user_page
from blueprints.refusals import ACTIVE_CHANGED, flash_outcome
from extensions import db
from models import Role, User
from operations.orderer_staff import (
    ADMIN_CHANGED,
    add_orderer_user,
    set_orderer_admin,
    set_orderer_user_active,
)

bp = Blueprint("orderer_staff", __name__)
restrict_to(bp, Role.VERIFIER)


@bp.before_request
@orderer_admin_only
def _only_orderer_admins():
    """Every page here is for the orderer's 発注者管理者."""


@bp.get("/")
def users():
    """職員一覧 of the orderer."""
    listed = db.session.scalars(
        select(User)
        .where(User.orderer_id == current_user.orderer_id, User.is_system.is_(False))
        .order_by(User.login_id)
    ).all()
    return render_template(
        "orderer_staff/users.html",
        users=listed,
        toggle_url=lambda user: url_for(".user_active", clerk_id=user.id),
        admin_url=lambda user: url_for(".user_admin", clerk_id=user.id),
    )


@bp.route("/new", methods=["GET", "POST"])
def new_user():
    """職員の追加: the clerk sets a password through a mailed one-time link."""

    def add(form: OrdererAccountForm) -> User:
        account = form.account(admin=form.orderer_admin.data)
        return add_orderer_user(current_user, current_user.orderer, account)[0]

    return new_user_page(
        OrdererAccountForm(), add, noun="職員", title="職員の追加", back=url_for(".users")
    )


@bp.post("/<int:clerk_id>/active")
def user_active(clerk_id: int):
    """Disable (or enable again) a clerk of the orderer; another orderer's is 404."""
    clerk = _clerk(clerk_id)
    active = request.form.get("active") == "1"
    change = partial(set_orderer_user_active, current_user, clerk, active)
    flash_outcome(change, f"「{clerk.login_id}」を{ACTIVE_CHANGED[active]}。")
    return redirect(url_for(".users"), code=303)


@bp.post("/<int:clerk_id>/admin")
def user_admin(clerk_id: int):
    """Grant or revoke 発注者管理者 for a clerk of the orderer; another orderer's is 404."""
    clerk = _clerk(clerk_id)
    admin = request.form.get("admin") == "1"
    change = partial(set_orderer_admin, current_user, clerk, admin)
    flash_outcome(change, f"「{clerk.login_id}」を{ADMIN_CHANGED[admin]}。")
    return redirect(url_for(".users"), code=303)


def _clerk(clerk_id: int) -> User:
    """Get a clerk by id, checking that it belongs to the current user's orderer.

    :raise 404: if there is no such user, it is another organisation's, or a 連携システム
    """
    return db.first_or_404(
        select(User).where(
            User.id == clerk_id,
            User.orderer_id == current_user.orderer_id,
            User.is_system.is_(False),
        )
    )
