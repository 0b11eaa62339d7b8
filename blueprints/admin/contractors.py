"""Contractor companies and their users, managed by the staff of their home branch."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.access import head_office_only
from blueprints.account.forms import CompanyAccountForm, CompanyForm
from blueprints.account.new_user import new_user_page
from blueprints.admin.forms import ContractorForm, HomeBranchForm
from blueprints.admin.routes import bp
from blueprints.branch.scope import of_my_branch
from blueprints.refusals import ACTIVE_CHANGED, render_form, show_refusal
from extensions import db
from models import Branch, Contractor, User
from operations.contractors import (
    add_company_user,
    change_contractor_details,
    reassign_home_branch,
    register_contractor,
    set_company_user_active,
)
from operations.errors import DomainError


@bp.get("/contractors")
def contractors():
    """受注者一覧: the companies whose home branch is the user's (head office: all)."""
    listed = db.session.scalars(
        select(Contractor).where(of_my_branch(Contractor.home_branch_id)).order_by(Contractor.name)
    ).all()
    return render_template("admin/contractors.html", contractors=listed)


@bp.route("/contractors/new", methods=["GET", "POST"])
def new_contractor():
    """受注者の登録: the company (at home in this branch) and its first user (会社管理者)."""
    form = ContractorForm()
    if form.validate_on_submit():
        try:
            contractor, user, _ = register_contractor(
                current_user, form.company(), form.account(admin=True)
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(
                f"「{contractor.name}」と会社管理者「{user.login_id}」を登録しました。"
                f"{user.email} 宛に、パスワード設定用のリンクをお送りします。"
            )
            return redirect(url_for(".contractor", contractor_id=contractor.id), code=303)
    return render_form("admin/contractor_form.html", form)


@bp.get("/contractors/<int:contractor_id>")
def contractor(contractor_id: int):
    """A company, its home branch and its users."""
    contractor = _contractor(contractor_id)
    return _contractor_page(contractor, _home_form(contractor))


@bp.route("/contractors/<int:contractor_id>/edit", methods=["GET", "POST"])
@head_office_only
def edit_contractor(contractor_id: int):
    """受注者の変更 (head office): the company's details, audited before → after."""
    contractor = _contractor(contractor_id)
    form = CompanyForm(data=None if request.method == "POST" else _company_data(contractor))
    if form.validate_on_submit():
        try:
            change_contractor_details(current_user, contractor, form.company())
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"「{contractor.name}」の情報を変更しました。")
            return redirect(url_for(".contractor", contractor_id=contractor.id), code=303)
    return render_form("admin/contractor_edit.html", form, contractor=contractor)


def _company_data(contractor: Contractor) -> dict:
    return {
        "company_name": contractor.name,
        "representative": contractor.representative,
        "address": contractor.address,
        "permit_number": contractor.permit_number,
        "phone": contractor.phone,
    }


@bp.post("/contractors/<int:contractor_id>/home-branch")
@head_office_only
def home_branch(contractor_id: int):
    """担当支店の変更 (head office only)."""
    contractor = _contractor(contractor_id)
    form = _home_form(contractor, request.form)
    if form.validate():
        try:
            reassign_home_branch(current_user, contractor, int(form.branch_id.data))
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"担当支店を「{contractor.home_branch.name}」にしました。")
            return redirect(url_for(".contractor", contractor_id=contractor.id), code=303)
    return _contractor_page(contractor, form), 422


@bp.route("/contractors/<int:contractor_id>/users/new", methods=["GET", "POST"])
def new_member(contractor_id: int):
    """利用者の追加 by staff: the person sets a password through a mailed one-time link."""
    contractor = _contractor(contractor_id)

    def add(form: CompanyAccountForm) -> User:
        account = form.account(admin=form.company_admin.data)
        return add_company_user(current_user, contractor, account)[0]

    return new_user_page(
        CompanyAccountForm(),
        add,
        noun="利用者",
        title=f"利用者の追加：{contractor.name}",
        back=url_for(".contractor", contractor_id=contractor.id),
        also="会社管理者にもお知らせします。",
    )


@bp.post("/contractors/<int:contractor_id>/users/<int:member_id>/active")
def member_active(contractor_id: int, member_id: int):
    """Disable (or enable again) a user of the company; its admins are told."""
    contractor = _contractor(contractor_id)
    member = db.first_or_404(
        select(User).where(User.id == member_id, User.contractor_id == contractor.id)
    )
    active = request.form.get("active") == "1"
    set_company_user_active(current_user, member, active)
    flash(f"「{member.login_id}」を{ACTIVE_CHANGED[active]}。")
    return redirect(url_for(".contractor", contractor_id=contractor.id), code=303)


def _contractor(contractor_id: int) -> Contractor:
    """Get a company by id, checking that its home branch is the user's.

    :raise 404: if there is no such company or it is at home in another branch (head
        office: any)
    """
    return db.first_or_404(
        select(Contractor).where(
            Contractor.id == contractor_id, of_my_branch(Contractor.home_branch_id)
        )
    )


def _home_form(contractor: Contractor, formdata=None) -> HomeBranchForm | None:
    """The reassignment form, for head office only."""
    if not current_user.is_head_office:
        return None
    branches = db.session.scalars(select(Branch).order_by(Branch.code)).all()
    return HomeBranchForm(
        formdata, branches=branches, data={"branch_id": str(contractor.home_branch_id)}
    )


def _contractor_page(contractor: Contractor, home_form: HomeBranchForm | None):
    users = db.session.scalars(
        select(User).where(User.contractor_id == contractor.id).order_by(User.login_id)
    ).all()
    return render_template(
        "admin/contractor.html",
        contractor=contractor,
        users=users,
        home_form=home_form,
        toggle_url=lambda user: url_for(
            ".member_active", contractor_id=contractor.id, member_id=user.id
        ),
    )
