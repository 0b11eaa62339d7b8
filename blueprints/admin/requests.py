"""利用申込の審査: the chosen branch approves or declines a company's request for an account."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import case, select, true

from blueprints.admin.forms import ApproveForm, DeclineForm
from blueprints.admin.routes import bp
from blueprints.refusals import show_refusal
from domain.credentials import login_id_problem
from extensions import db
from models import AccountRequest, RequestStatus
from operations.accounts import login_id_usable
from operations.contractors import approve_account_request, decline_account_request
from operations.errors import DomainError


@bp.get("/requests")
def account_requests():
    """利用申込一覧: waiting ones first, then the latest decisions."""
    waiting_first = case((AccountRequest.status == RequestStatus.PENDING, 0), else_=1)
    listed = db.session.scalars(
        select(AccountRequest)
        .where(_own_requests())
        .order_by(waiting_first, AccountRequest.created_at.desc())
        .limit(200)
    ).all()
    return render_template("admin/account_requests.html", requests=listed)


@bp.get("/requests/<int:request_id>")
def account_request(request_id: int):
    """One 利用申込, with 承認 and 謝絶."""
    request = _own(request_id)
    approve = ApproveForm(data={"login_id": _suggested_login_id(request)})
    return _page(request, approve, DeclineForm(formdata=None), 200)


@bp.post("/requests/<int:request_id>/approve")
def approve_request(request_id: int):
    """承認: the company and its 会社管理者 are created; a set-password link is mailed."""
    request = _own(request_id)
    form = ApproveForm()
    if form.validate():
        try:
            user, _ = approve_account_request(current_user, request, form.login_id.data)
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(
                f"「{request.company_name}」を承認しました。{user.email} 宛に、"
                "パスワード設定用のリンク（1回限り）をお送りします。"
            )
            return redirect(url_for(".account_request", request_id=request.id), code=303)
    return _page(request, form, DeclineForm(formdata=None), 422)


@bp.post("/requests/<int:request_id>/decline")
def decline_request(request_id: int):
    """謝絶: with the reason, which is mailed to the company."""
    request = _own(request_id)
    form = DeclineForm()
    if form.validate():
        try:
            decline_account_request(current_user, request, form.reason.data)
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(
                f"「{request.company_name}」の利用申込を謝絶しました。理由をメールでお知らせします。"
            )
            return redirect(url_for(".account_request", request_id=request.id), code=303)
    return _page(request, ApproveForm(formdata=None), form, 422)


def _page(request: AccountRequest, approve: ApproveForm, decline: DeclineForm, status: int):
    page = render_template(
        "admin/account_request.html", request=request, approve=approve, decline=decline
    )
    return page, status


def _own_requests():
    """A branch sees the requests sent to it; head office sees them all."""
    if current_user.is_head_office:
        return true()
    return AccountRequest.branch_id == current_user.branch_id


def _own(request_id: int) -> AccountRequest:
    """Get an account request by id, checking that it was sent to the user's branch.

    :raise 404: if there is no such request or it is another branch's (head office: any)
    """
    return db.first_or_404(
        select(AccountRequest).where(AccountRequest.id == request_id, _own_requests())
    )


def _suggested_login_id(request: AccountRequest) -> str:
    """The part of the address before @, when it would make a free, valid login ID."""
    candidate = request.email.partition("@")[0]
    if login_id_problem(candidate) or not login_id_usable(candidate):
        return ""
    return candidate
