"""Net Desk for contractor staff: apply for guarantees and follow the applications."""

import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import or_, select, union_all
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from blueprints.access import restrict_to
from blueprints.applicant.forms import ApplicationForm, form_data
from blueprints.confirmation import NOT_CONFIRMED, confirmed
from blueprints.fields import posted_int
from blueprints.htmx import render_page_or_fragment
from blueprints.lookups import enum_or_404
from blueprints.paging import COUNT_CAP, capped_count, capped_page
from blueprints.refusals import bind_problems, form_status, show_refusal
from domain.application_rules import amount_bound, guarantee_ratio, ratio_basis
from domain.kinds import GuaranteeKind
from extensions import db
from models import (
    Application,
    ApplicationStatus,
    Branch,
    GuaranteeContract,
    GuaranteeRequest,
    JointVenture,
    JointVentureMember,
    Orderer,
    Role,
)
from operations.applications import (
    application_terms,
    e_surety_refusals,
    prepare_to_send,
    problems_with,
    save_draft,
    submit_application,
    withdraw_application,
)
from operations.errors import DomainError

bp = Blueprint("applicant", __name__)
restrict_to(bp, Role.APPLICANT)

PER_PAGE = 20


@bp.get("/")
def home():
    """The applicant's top page: counts by 手続状況 (each up to COUNT_CAP, then 「…件以上」) and
    the latest applications."""
    own = own_applications()
    counts = {
        status: capped_count(
            select(Application.id).where(own, Application.status == status), COUNT_CAP
        )
        for status in ApplicationStatus
    }
    latest = db.session.scalars(
        select(Application)
        .where(own)
        .order_by(Application.updated_at.desc(), Application.id.desc())
        .limit(5)
        .options(*_table_rows())
    ).all()
    return render_template(
        "applicant/home.html",
        counts=counts,
        cap=COUNT_CAP,
        latest=latest,
        statuses=list(ApplicationStatus),
    )


@bp.get("/applications")
def applications():
    """申込一覧: every application of the company, newest first, with 手続状況 per guarantee;
    `?status=` keeps one 手続状況 (the top page's counts link here)."""
    status = next((s for s in ApplicationStatus if s.value == request.args.get("status")), None)
    statement = select(Application).where(own_applications())
    if status is not None:
        statement = statement.where(Application.status == status)
    page = capped_page(
        statement.order_by(Application.updated_at.desc(), Application.id.desc()).options(
            *_table_rows()
        ),
        PER_PAGE,
    )
    return render_template("applicant/applications.html", page=page, status=status)


def _table_rows():
    """What a row of applicant/_applications_table.html shows, loaded with the page (a query
    per relation, not per row)."""
    return (
        selectinload(Application.guarantees).selectinload(GuaranteeRequest.contract),
        selectinload(Application.reservation),
    )


@bp.route("/applications/new", methods=["GET", "POST"])
def new_application():
    """申込作成 of a new application."""
    return _application_form(None)


@bp.route("/applications/<int:application_id>/edit", methods=["GET", "POST"])
def edit_application(application_id: int):
    """申込作成 again: a draft, or an application the branch returned."""
    application = own_application(application_id)
    if not application.status.editable:
        flash(f"{application.status.label}の申込は変更できません。", "error")
        return redirect(url_for(".application", application_id=application.id), code=303)
    if application.is_reservation:
        return reservations.reservation_form(application)
    return _application_form(application)


@bp.get("/applications/<int:application_id>")
def application(application_id: int):
    """The application as sent (or saved), with its 手続状況 and the branch's message."""
    application = own_application(application_id)
    return render_template("applicant/application.html", **_summary(application, {}))


@bp.get("/applications/<int:application_id>/confirm")
def confirm_application(application_id: int):
    """申込確認: everything read-only, with 修正する and 送信する."""
    application = own_application(application_id)
    if not application.status.editable:
        return redirect(url_for(".application", application_id=application.id), code=303)
    problems = problems_with(application_terms(application))
    return render_template("applicant/confirm.html", **_summary(application, problems))


@bp.post("/applications/<int:application_id>/submit")
def submit(application_id: int):
    """送信する: send the application to its branch."""
    application = own_application(application_id)
    try:
        submit_application(current_user, application, _posted_revision())
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for(".confirm_application", application_id=application.id), code=303)
    return redirect(url_for(".sent", application_id=application.id), code=303)


@bp.get("/applications/<int:application_id>/sent")
def sent(application_id: int):
    """送信完了: the application number and the branch it went to."""
    application = own_application(application_id)
    if application.status is not ApplicationStatus.SUBMITTED:
        return redirect(url_for(".application", application_id=application.id), code=303)
    return render_template("applicant/sent.html", application=application)


@bp.post("/applications/<int:application_id>/withdraw")
def withdraw(application_id: int):
    """取下げ: take the application back before the branch starts its review."""
    application = own_application(application_id)
    if not confirmed():
        flash(NOT_CONFIRMED, "error")
        return render_template("applicant/application.html", **_summary(application, {})), 422
    try:
        withdraw_application(current_user, application, _posted_revision())
        flash(f"申込 {application.number} を取り下げました。")
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for(".application", application_id=application.id), code=303)


@bp.get("/form/ratio/<kind>")
def ratio(kind: str):
    """The live ratio of a guarantee amount to its base (htmx, while typing)."""
    kind = enum_or_404(GuaranteeKind, kind)
    terms = ApplicationForm(formdata=request.args, meta={"csrf": False}).terms()
    orderer = db.session.get(Orderer, posted_int(request.args.get("orderer_id")) or 0)
    return render_template(
        "applicant/_ratio.html",
        kind=kind,
        ratio=guarantee_ratio(terms, kind),
        bound=amount_bound(terms, kind, orderer.amount_rules() if orderer else None),
    )


@bp.get("/form/certificate/<kind>")
def certificate_form(kind: str):
    """Whether 電子保証 can be chosen for a guarantee, and why not (htmx, on orderer or date)."""
    kind = enum_or_404(GuaranteeKind, kind)
    form = _form(formdata=request.args, meta={"csrf": False})
    refusals = e_surety_refusals(form.terms())
    form.unchoose_refused(refusals)
    return render_template(
        "applicant/_certificate_form.html",
        form=form,
        block=form[kind.value].form,
        refusal=refusals[kind],
    )


@bp.post("/form/check")
def check_field():
    """Check the form on the server when a field is left; answer with that field's messages
    (422 when it has any, as every refused form)."""
    form = _form()
    form.validate()
    bind_problems(form, problems_with(form.terms()))
    field = form.field_by_name(request.headers.get("HX-Trigger-Name", ""))
    if field is None:
        abort(400)
    status = 422 if field.errors else 200
    return render_template("applicant/_field_errors.html", field=field), status


CLEARABLE_SECTIONS = {
    "clear_guarantees": ("guarantees", tuple(f"{kind.value}-" for kind in GuaranteeKind)),
    "clear_information": (
        "information",
        ("branch_id", "notify_by_mail", "notify_email", "contact_", "message_to_branch"),
    ),
}


def _application_form(application: Application | None):
    """Show the form; save a draft (下書き保存), clear a section, or go on to 申込確認."""
    action = request.form.get("action", "")
    if action in CLEARABLE_SECTIONS:
        return _cleared_section(application, *CLEARABLE_SECTIONS[action])
    form = _form()
    if request.method == "GET":
        _fill(form, application)
        form.orderer_id.flag_if_unavailable()
        return _render_form(form, application, 200)
    if form.validate() and (saved := save_posted(form, application, action)):
        return saved
    return _render_form(form, application, form_status(form))


def save_posted(form, application: Application | None, action: str):
    """下書き保存 (back to the form) or on to 申込確認, as the button asked; None when the
    operation refused (its messages are then bound to the form)."""
    operation = save_draft if action == "save_draft" else prepare_to_send
    try:
        saved = operation(
            current_user,
            form.terms(),
            form.form_token.data,
            application,
            posted_int(form.revision.data),
        )
    except DomainError as error:
        show_refusal(form, error)
        return None
    if action == "save_draft":
        flash("下書きを保存しました。")
        return redirect(url_for(".edit_application", application_id=saved.id), code=303)
    return redirect(url_for(".confirm_application", application_id=saved.id), code=303)


def _cleared_section(application: Application | None, section: str, prefixes: tuple[str, ...]):
    """The form as posted, with one section emptied (nothing is saved)."""
    kept = MultiDict(
        [(k, v) for k, v in request.form.items(multi=True) if not k.startswith(prefixes)]
    )
    form = _form(formdata=kept)
    return _render_form(form, application, 200, fragment=f"applicant/_{section}_section.html")


def _render_form(form, application, status, fragment="applicant/_application_form.html"):
    terms = form.terms()
    refusals = e_surety_refusals(terms)
    form.unchoose_refused(refusals)
    return render_page_or_fragment(
        "applicant/form.html",
        fragment,
        status,
        form=form,
        application=application,
        refusals=refusals,
        ratios={kind: guarantee_ratio(terms, kind) for kind in GuaranteeKind},
        bounds={kind: amount_bound(terms, kind, _amount_rules(terms)) for kind in GuaranteeKind},
    )


def _amount_rules(terms):
    """The chosen orderer's ratios and rounding (None before an orderer is chosen)."""
    orderer = db.session.get(Orderer, terms.orderer_id) if terms.orderer_id else None
    return orderer.amount_rules() if orderer else None


@bp.context_processor
def _live_check():
    """The htmx attributes that check a field on the server when the user leaves it."""

    def live_check() -> dict[str, str]:
        return {
            "hx-post": url_for("applicant.check_field"),
            "hx-trigger": "change",
            "hx-target": "next .field-errors",
            "hx-swap": "outerHTML",
            "hx-include": "closest form",
        }

    return {"live_check": live_check, "ratio_basis": ratio_basis}


def _fill(form: ApplicationForm, application: Application | None) -> None:
    """A new form gets a fresh token; an existing application fills the form again."""
    if application is None:
        form.form_token.data = secrets.token_urlsafe(24)
        return
    form.process(data=form_data(application_terms(application)))
    form.form_token.data = application.form_token
    form.revision.data = str(application.revision)


def _summary(application: Application, problems: dict[str, str]) -> dict:
    """What the read-only summary of an application shows."""
    terms = application_terms(application)
    return {
        "application": application,
        "problems": problems,
        "summary_ratios": {kind: guarantee_ratio(terms, kind) for kind in GuaranteeKind},
    }


def _form(**kwargs) -> ApplicationForm:
    orderers = db.session.scalars(select(Orderer).order_by(Orderer.name)).all()
    branches = db.session.scalars(select(Branch).order_by(Branch.code)).all()
    represented = db.session.scalars(
        select(JointVenture)
        .where(JointVenture.representative_id == current_user.contractor_id)
        .order_by(JointVenture.name)
    ).all()
    return ApplicationForm(
        orderers=orderers, branches=branches, joint_ventures=represented, **kwargs
    )


def own_applications():
    """The condition that keeps an applicant to its own company's applications."""
    return Application.contractor_id == current_user.contractor_id


def readable_applications():
    """Own applications, and those of a registered JV the company is a member of (whose
    contracts its users may read, never change)."""
    return or_(own_applications(), Application.joint_venture_id.in_(_member_of()))


def readable_applications_listed():
    """readable_applications() as a list's query is served at any size. A company with up to
    COUNT_CAP applications (its own and its JVs'): their ids, read through two indexes, so
    the planner reads just their rows (the OR hides how few they are, and PostgreSQL sorted
    every contract of the service for a company of one). More than that: the condition, and
    the list's order is walked by its index, where the company's rows are everywhere (on
    SQLite with the columns hidden from their indexes, `+ 0`: it would read every row of the
    company through them and sort them all)."""
    ids = db.session.scalars(
        union_all(
            select(Application.id).where(own_applications()),
            select(Application.id).where(Application.joint_venture_id.in_(_member_of())),
        ).limit(COUNT_CAP + 1)
    ).all()
    if len(ids) <= COUNT_CAP:
        return Application.id.in_(ids)
    if db.session.get_bind().dialect.name == "sqlite":
        return or_(
            Application.contractor_id + 0 == current_user.contractor_id,
            (Application.joint_venture_id + 0).in_(_member_of()),
        )
    return readable_applications()


def _member_of():
    return select(JointVentureMember.joint_venture_id).where(
        JointVentureMember.contractor_id == current_user.contractor_id
    )


def own_application(application_id: int) -> Application:
    """Get an application by id, checking that it is the applicant's company's.

    :param application_id: id of the application to get
    :return: the application
    :raise 404: if there is no such application or it is another company's (the two look
        the same from outside)
    """
    return db.first_or_404(
        select(Application).where(Application.id == application_id, own_applications())
    )


def own_contract(contract_id: int, *, read_only: bool = False) -> GuaranteeContract:
    """Get a guarantee contract by id, checking that it was issued to the applicant's company.

    :param contract_id: id of the contract to get
    :param read_only: also accept a contract of a registered JV the company is a member of
        (for pages that only read it)
    :return: the contract
    :raise 404: if there is no such contract or it is another company's
    """
    condition = readable_applications() if read_only else own_applications()
    return db.first_or_404(
        select(GuaranteeContract)
        .join(Application)
        .where(GuaranteeContract.id == contract_id, condition)
    )


def _posted_revision() -> int | None:
    return posted_int(request.form.get("revision"))


from blueprints.applicant import (  # noqa: E402, F401  (their pages)
    advance,
    contracts,
    fee_statements,
    reservations,
)
