"""連携システム: the orderer's 発注者管理者 (or head office for the orderer) names system
accounts and issues their API tokens (each shown once), revokes them; the guide tells how to
call the API."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from flask import redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.orderer_staff.forms import SystemAccountForm, TokenForm
from blueprints.orderer_staff.routes import bp
from blueprints.refusals import flash_outcome, show_refusal
from blueprints.security import never_stored
from clock import now
from extensions import db
from models import ApiToken, Orderer, User
from operations.api_tokens import (
    add_system_account,
    issue_token,
    revoke_token,
    system_accounts,
    tokens_of,
)
from operations.errors import DomainError
from operations.links import public_url


@dataclass(frozen=True)
class SystemsDesk:
    """Where the pages of one orderer's systems live: the orderer admin's or head office's."""

    orderer: Orderer
    list_url: str
    add_url: str
    token_url: Callable[[User], str]
    revoke_url: Callable[[ApiToken], str]


def _own_desk() -> SystemsDesk:
    return SystemsDesk(
        current_user.orderer,
        url_for("orderer_staff.systems"),
        url_for("orderer_staff.new_system"),
        lambda account: url_for("orderer_staff.new_token", account_id=account.id),
        lambda token: url_for("orderer_staff.revoke", token_id=token.id),
    )


def systems_page(desk: SystemsDesk, account_form=None, token_form=None, status=200, issued=None):
    """連携システム一覧 of the desk's orderer, with their tokens and the forms."""
    return render_template(
        "orderer_staff/systems.html",
        desk=desk,
        accounts=[(account, tokens_of(account)) for account in system_accounts(desk.orderer)],
        account_form=account_form or SystemAccountForm(formdata=None),
        token_form=token_form or TokenForm(formdata=None),
        issued=issued,
        now=now(),
    ), status


def add_system(desk: SystemsDesk):
    """Name a new 連携システム of the desk's orderer."""
    form = SystemAccountForm()
    if not form.validate():
        return systems_page(desk, account_form=form, status=422)
    try:
        add_system_account(current_user, desk.orderer, form.name.data)
    except DomainError as error:
        show_refusal(form, error)
        return systems_page(desk, account_form=form, status=422)
    return redirect(desk.list_url, code=303)


def add_token(desk: SystemsDesk, account_id: int):
    """Issue a token: the page shows it this once; only its SHA-256 is kept."""
    account = _system(desk.orderer, account_id)
    form = TokenForm()
    if not form.validate():
        return systems_page(desk, token_form=form, status=422)
    try:
        token, secret = issue_token(current_user, account, timedelta(days=form.days.data))
    except DomainError as error:
        show_refusal(form, error)
        return systems_page(desk, token_form=form, status=422)
    return systems_page(desk, issued=(token, secret))


def revoke_one(desk: SystemsDesk, token_id: int):
    """Revoke a token of one of the desk's orderer's systems; another orderer's is 404."""
    token = db.first_or_404(
        select(ApiToken)
        .join(User, ApiToken.account_id == User.id)
        .where(ApiToken.id == token_id, User.orderer_id == desk.orderer.id)
    )
    flash_outcome(
        lambda: revoke_token(current_user, token),
        f"トークン（{token.hint}…）を無効にしました。",
    )
    return redirect(desk.list_url, code=303)


@bp.get("/systems")
def systems():
    """連携システム一覧 with their tokens."""
    return systems_page(_own_desk())


@bp.post("/systems")
def new_system():
    return add_system(_own_desk())


@bp.post("/systems/<int:account_id>/tokens")
@never_stored
def new_token(account_id: int):
    return add_token(_own_desk(), account_id)


@bp.post("/systems/tokens/<int:token_id>/revoke")
def revoke(token_id: int):
    return revoke_one(_own_desk(), token_id)


@bp.get("/systems/api")
def api_guide():
    """How an orderer's system calls the API (for the people who build it)."""
    return render_template("orderer_staff/api_guide.html", endpoint=public_url("api.verify"))


def _system(orderer: Orderer, account_id: int) -> User:
    return db.first_or_404(
        select(User).where(
            User.id == account_id, User.orderer_id == orderer.id, User.is_system.is_(True)
        )
    )
