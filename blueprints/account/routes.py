"""A user's own account: change the password, reset it, set it through a one-time link."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from blueprints.access import home_url
from blueprints.account.forms import (
    PASSWORD_HELP,
    ChangePasswordForm,
    ResetRequestForm,
    SetPasswordForm,
    SignupForm,
)
from blueprints.refusals import render_form, show_refusal
from extensions import db, limiter
from models import Branch
from operations.accounts import change_password
from operations.contractors import receive_account_request
from operations.errors import DomainError
from operations.links import (
    INVALID_LINK,
    request_password_reset,
    set_password_with_link,
    usable_link,
)

bp = Blueprint("account", __name__)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    """パスワードの変更."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            user = current_user._get_current_object()
            change_password(user, form.current_password.data, form.new_password.data)
        except DomainError as error:
            show_refusal(form, error)
        else:
            login_user(user)  # this session carries on; the others have ended
            flash("パスワードを変更しました。")
            return redirect(home_url(current_user), code=303)
    return render_form("account/password.html", form, help=PASSWORD_HELP)


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"])
def forgot_password():
    """パスワードをお忘れの方: the same answer whether the address is known or not."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        # The returned mails go to the outbox once notifications/ is merged.
        request_password_reset(form.email.data)
        return redirect(url_for(".reset_requested"), code=303)
    return render_form("account/forgot.html", form)


@bp.get("/password/forgot/sent")
def reset_requested():
    """The answer to every reset request."""
    return render_template("account/reset_requested.html")


@bp.route("/password/link/<token>", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def follow_link(token: str):
    """A one-time link: choose a password (then log in with it)."""
    link = usable_link(token)
    if link is None:
        return _no_referrer(render_template("account/invalid_link.html", text=INVALID_LINK), 404)
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            set_password_with_link(token, form.password.data)
        except DomainError as error:
            show_refusal(form, error)
        else:
            if current_user.is_authenticated:
                logout_user()
            flash("パスワードを設定しました。新しいパスワードでログインしてください。")
            return redirect(url_for("auth.login"), code=303)
    return _no_referrer(
        *render_form("account/set_password.html", form, link=link, help=PASSWORD_HELP)
    )


def _no_referrer(body: str, status: int):
    """The token is in the address: never send it on to another site as a Referer."""
    return body, status, {"Referrer-Policy": "no-referrer"}


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"])
def signup():
    """利用申込: a company asks the branch it chooses for a Net Desk account."""
    branches = db.session.scalars(select(Branch).order_by(Branch.code)).all()
    form = SignupForm(branches=branches)
    if form.validate_on_submit():
        try:
            receive_account_request(form.details())
        except DomainError as error:
            show_refusal(form, error)
        else:
            return redirect(url_for(".signup_sent"), code=303)
    return render_form("account/signup.html", form)


@bp.get("/signup/sent")
def signup_sent():
    """利用申込の受付完了."""
    return render_template("account/signup_sent.html")
