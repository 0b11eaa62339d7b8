"""The one "add a user" page: head office for orderers, branch staff for companies, and an
organisation's own admins (会社管理者, 発注者管理者) all add accounts through it."""

from collections.abc import Callable

from flask import flash, redirect

from blueprints.account.forms import LinkedAccountForm
from blueprints.refusals import render_form, show_refusal
from models import User
from operations.errors import DomainError


def new_user_page(
    form: LinkedAccountForm,
    add: Callable[[LinkedAccountForm], User],
    *,
    noun: str,
    title: str,
    back: str,
    also: str = "",
):
    """The form (200, or 422 with the refusal beside its fields), or, once `add(form)` (an
    operation returning the new user) accepts it, a flash of what happens next and a 303 to
    `back`. `noun` names the account (利用者, 職員…); `also` adds a sentence to the flash."""
    if form.validate_on_submit():
        try:
            user = add(form)
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(
                f"{noun}「{user.login_id}」を追加しました。"
                f"{user.email} 宛に、パスワード設定用のリンクをお送りします。{also}"
            )
            return redirect(back, code=303)
    return render_form("account/new_account.html", form, title=title, back=back)
