"""連携システム: the orderer's 発注者管理者 names system accounts and issues their API tokens
(each shown once), revokes them, and reads how to call the API."""

from datetime import timedelta

from flask import abort, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.orderer_staff.forms import SystemAccountForm, TokenForm
from blueprints.orderer_staff.routes import bp
from blueprints.refusals import flash_outcome, show_refusal
from blueprints.security import never_stored
from extensions import db
from models import ApiToken, User
from operations.api_tokens import (
    add_system_account,
    issue_token,
    revoke_token,
    system_accounts,
    tokens_of,
)
from operations.clock import now
from operations.errors import DomainError
from operations.links import public_url


def _page(account_form=None, token_form=None, status=200, issued=None):
    accounts = system_accounts(current_user.orderer)
    return render_template(
        "orderer_staff/systems.html",
        accounts=[(account, tokens_of(account)) for account in accounts],
        account_form=account_form or SystemAccountForm(formdata=None),
        token_form=token_form or TokenForm(formdata=None),
        issued=issued,
        now=now(),
    ), status


@bp.get("/systems")
def systems():
    """連携システム一覧 with their tokens."""
    return _page()


@bp.post("/systems")
def new_system():
    """Name a new 連携システム of the orderer."""
    form = SystemAccountForm()
    if not form.validate():
        return _page(account_form=form, status=422)
    try:
        add_system_account(current_user, current_user.orderer, form.name.data)
    except DomainError as error:
        show_refusal(form, error)
        return _page(account_form=form, status=422)
    return redirect(url_for(".systems"), code=303)


@bp.post("/systems/<int:account_id>/tokens")
@never_stored
def new_token(account_id: int):
    """Issue a token: the page shows it this once; only its SHA-256 is kept."""
    account = _system(account_id)
    form = TokenForm()
    if not form.validate():
        return _page(token_form=form, status=422)
    try:
        token, secret = issue_token(current_user, account, timedelta(days=form.days.data))
    except DomainError as error:
        show_refusal(form, error)
        return _page(token_form=form, status=422)
    return _page(issued=(token, secret))


@bp.post("/systems/tokens/<int:token_id>/revoke")
def revoke(token_id: int):
    """Revoke a token of one of the orderer's systems; another orderer's is 404."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.account.orderer_id != current_user.orderer_id:
        abort(404)
    flash_outcome(
        lambda: revoke_token(current_user, token),
        f"トークン（{token.hint}…）を無効にしました。",
    )
    return redirect(url_for(".systems"), code=303)


@bp.get("/systems/api")
def api_guide():
    """How an orderer's system calls the API (for the people who build it)."""
    return render_template("orderer_staff/api_guide.html", endpoint=public_url("api.verify"))


def _system(account_id: int) -> User:
    account = db.session.scalar(
        select(User).where(
            User.id == account_id,
            User.orderer_id == current_user.orderer_id,
            User.is_system.is_(True),
        )
    )
    if account is None:
        abort(404)
    return account
