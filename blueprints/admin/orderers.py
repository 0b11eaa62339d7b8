"""Orderers and their 電子保証 rules, by head-office staff."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.access import head_office_only
from blueprints.account.forms import NewAccountForm
from blueprints.admin.forms import OrdererForm
from blueprints.admin.routes import bp
from blueprints.refusals import show_refusal
from domain.submissions import SUBJECT_PLACEHOLDERS
from extensions import db
from models import Orderer, User
from operations.accounts import add_user, set_user_active
from operations.errors import DomainError
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
        select(User).where(User.orderer_id == orderer.id).order_by(User.login_id)
    ).all()
    return render_template(
        "admin/orderer.html",
        orderer=orderer,
        users=verifiers,
        toggle_url=lambda user: url_for(
            ".verifier_active", orderer_id=orderer.id, verifier_id=user.id
        ),
    )


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
    status = 422 if form.errors or form.form_errors else 200
    placeholders = " ".join(f"{{{name}}}" for name in SUBJECT_PLACEHOLDERS)
    return render_template(
        "admin/orderer_form.html", form=form, orderer=orderer, subject_placeholders=placeholders
    ), status


def _orderer(orderer_id: int) -> Orderer:
    orderer = db.session.get(Orderer, orderer_id)
    if orderer is None:
        abort(404)
    return orderer


@bp.route("/orderers/<int:orderer_id>/verifiers/new", methods=["GET", "POST"])
@head_office_only
def new_verifier(orderer_id: int):
    """確認用アカウントの追加: the orderer's staff choose their own password at first login."""
    orderer = _orderer(orderer_id)
    form = NewAccountForm()
    if form.validate_on_submit():
        try:
            user, _ = add_user(current_user, orderer, form.account())
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(
                f"確認用アカウント「{user.login_id}」を追加しました。仮パスワードをご本人にお伝えください。"
            )
            return redirect(url_for(".orderer", orderer_id=orderer.id), code=303)
    status = 422 if form.errors or form.form_errors else 200
    back = url_for(".orderer", orderer_id=orderer.id)
    title = f"確認用アカウントの追加：{orderer.name}"
    return render_template("account/new_account.html", form=form, title=title, back=back), status


@bp.post("/orderers/<int:orderer_id>/verifiers/<int:verifier_id>/active")
@head_office_only
def verifier_active(orderer_id: int, verifier_id: int):
    """Disable (or enable again) a verifier account of the orderer."""
    orderer = _orderer(orderer_id)
    verifier = db.session.scalar(
        select(User).where(User.id == verifier_id, User.orderer_id == orderer.id)
    )
    if verifier is None:
        abort(404)
    active = request.form.get("active") == "1"
    set_user_active(current_user, verifier, active)
    flash(f"「{verifier.login_id}」を{'有効に' if active else '無効に'}しました。")
    return redirect(url_for(".orderer", orderer_id=orderer.id, _anchor="verifiers"), code=303)
