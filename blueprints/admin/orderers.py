"""Orderers and their 電子保証 rules, by head-office staff."""

from functools import partial

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.access import head_office_only
from blueprints.account.forms import OrdererAccountForm
from blueprints.account.new_user import new_user_page
from blueprints.admin.forms import OrdererForm
from blueprints.admin.routes import bp
from blueprints.notice_forms import notice_switches, wanted
from blueprints.refusals import ACTIVE_CHANGED, flash_outcome, render_form, show_refusal
from domain.notices import ORDERER_NOTICES
from domain.submissions import SUBJECT_PLACEHOLDERS
from extensions import db
from models import Orderer, User
from operations.errors import DomainError
from operations.notices import notices_on, set_notices
from operations.orderer_staff import (
    ADMIN_CHANGED,
    add_orderer_user,
    set_orderer_active,
    set_orderer_admin,
    set_orderer_user_active,
)
from operations.organisations import save_orderer


@bp.get("/orderers")
@head_office_only
def orderers():
    """発注者一覧: every orderer with its 電子保証 rules."""
    listed = db.session.scalars(select(Orderer).order_by(Orderer.category, Orderer.name)).all()
    return render_template("admin/orderers.html", orderers=listed)


@bp.route("/orderers/new", methods=["GET", "POST"])
@head_office_only
def new_orderer():
    """発注者の登録."""
    return _orderer_form(None)


@bp.route("/orderers/<int:orderer_id>/edit", methods=["GET", "POST"])
@head_office_only
def edit_orderer(orderer_id: int):
    """発注者の変更: its rules apply to applications from now on."""
    return _orderer_form(_orderer(orderer_id))


@bp.get("/orderers/<int:orderer_id>")
@head_office_only
def orderer(orderer_id: int):
    """An orderer's rules and its verifier accounts."""
    orderer = _orderer(orderer_id)
    verifiers = db.session.scalars(
        select(User)
        .where(User.orderer_id == orderer.id, User.is_system.is_(False))
        .order_by(User.login_id)
    ).all()
    return render_template(
        "admin/orderer.html",
        orderer=orderer,
        notices=notice_switches(ORDERER_NOTICES, notices_on(orderer)),
        users=verifiers,
        toggle_url=lambda user: url_for(
            ".verifier_active", orderer_id=orderer.id, verifier_id=user.id
        ),
        admin_url=lambda user: url_for(
            ".verifier_admin", orderer_id=orderer.id, verifier_id=user.id
        ),
    )


@bp.post("/orderers/<int:orderer_id>/notifications")
@head_office_only
def orderer_notifications(orderer_id: int):
    """通知の設定: which notices the orderer's 通知先 receives about guarantees it checked."""
    orderer = _orderer(orderer_id)
    form = notice_switches(ORDERER_NOTICES, notices_on(orderer))
    if not form.validate_on_submit():
        abort(400)
    set_notices(current_user, orderer, wanted(form, ORDERER_NOTICES))
    flash(f"「{orderer.name}」への通知の設定を保存しました。")
    return redirect(url_for(".orderer", orderer_id=orderer.id, _anchor="notices"), code=303)


@bp.post("/orderers/<int:orderer_id>/active")
@head_office_only
def orderer_active(orderer_id: int):
    """Disable (or enable again) an orderer: its clerks can no longer log in."""
    orderer = _orderer(orderer_id)
    active = request.form.get("active") == "1"
    change = partial(set_orderer_active, current_user, orderer, active)
    flash_outcome(change, f"発注者「{orderer.name}」を{ACTIVE_CHANGED[active]}。")
    return redirect(url_for(".orderer", orderer_id=orderer.id), code=303)


def _orderer_form(orderer: Orderer | None):
    form = OrdererForm(data=OrdererForm.data_of(orderer) if orderer else None)
    if request.method == "POST" and form.validate():
        try:
            saved = save_orderer(current_user, form.settings(), orderer)
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"発注者「{saved.name}」を{'変更' if orderer else '登録'}しました。")
            return redirect(url_for(".orderer", orderer_id=saved.id), code=303)
    placeholders = " ".join(f"{{{name}}}" for name in SUBJECT_PLACEHOLDERS)
    return render_form(
        "admin/orderer_form.html", form, orderer=orderer, subject_placeholders=placeholders
    )


def _orderer(orderer_id: int) -> Orderer:
    return db.get_or_404(Orderer, orderer_id)


@bp.route("/orderers/<int:orderer_id>/verifiers/new", methods=["GET", "POST"])
@head_office_only
def new_verifier(orderer_id: int):
    """確認用アカウントの追加 (a clerk or a 発注者管理者), who sets a password by mailed link."""
    orderer = _orderer(orderer_id)

    def add(form: OrdererAccountForm) -> User:
        account = form.account(admin=form.orderer_admin.data)
        return add_orderer_user(current_user, orderer, account)[0]

    return new_user_page(
        OrdererAccountForm(),
        add,
        noun="確認用アカウント",
        title=f"確認用アカウントの追加：{orderer.name}",
        back=url_for(".orderer", orderer_id=orderer.id),
    )


@bp.post("/orderers/<int:orderer_id>/verifiers/<int:verifier_id>/active")
@head_office_only
def verifier_active(orderer_id: int, verifier_id: int):
    """Disable (or enable again) a verifier account of the orderer."""
    verifier = _verifier(orderer_id, verifier_id)
    active = request.form.get("active") == "1"
    change = partial(set_orderer_user_active, current_user, verifier, active)
    flash_outcome(change, f"「{verifier.login_id}」を{ACTIVE_CHANGED[active]}。")
    return redirect(url_for(".orderer", orderer_id=orderer_id, _anchor="verifiers"), code=303)


@bp.post("/orderers/<int:orderer_id>/verifiers/<int:verifier_id>/admin")
@head_office_only
def verifier_admin(orderer_id: int, verifier_id: int):
    """Grant or revoke 発注者管理者 for a verifier account of the orderer."""
    verifier = _verifier(orderer_id, verifier_id)
    admin = request.form.get("admin") == "1"
    change = partial(set_orderer_admin, current_user, verifier, admin)
    flash_outcome(change, f"「{verifier.login_id}」を{ADMIN_CHANGED[admin]}。")
    return redirect(url_for(".orderer", orderer_id=orderer_id, _anchor="verifiers"), code=303)


def _verifier(orderer_id: int, verifier_id: int) -> User:
    """Get a verifier account by id, checking that it is the orderer's.

    :raise 404: if there is no such orderer, no such account, or it is another orderer's
    """
    return db.first_or_404(
        select(User).where(User.id == verifier_id, User.orderer_id == _orderer(orderer_id).id)
    )
