"""The advance of an issued 前払金保証 / 中間前払金保証 for the contractor: the 前払金使途内訳明細書
(and its 使途変更), the deposit received, and the 払出依頼書 against the accepted uses."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.advance_forms import (
    ButtonForm,
    DepositForm,
    UseStatementForm,
    WithdrawalForm,
    rows_edited,
    statement_form_data,
)
from blueprints.applicant.routes import bp, own_applications
from blueprints.downloads import pdf_download
from blueprints.htmx import render_page_or_fragment
from blueprints.lookups import use_statement_or_404, withdrawal_or_404
from blueprints.refusals import bind_problems, flash_outcome, render_form, show_refusal
from clock import today
from domain.advance_uses import UseCategory
from extensions import db
from models import Application, GuaranteeContract
from operations.documents import use_statement_pdf, withdrawal_pdf
from operations.errors import DomainError
from operations.use_statements import (
    ADVANCE_KINDS,
    CHECK_CELLS,
    latest_statement,
    save_use_draft,
    statements_of,
    submit_use_statement,
)
from operations.withdrawals import (
    advance_of,
    prepare_withdrawal,
    record_deposit,
    record_paid,
)
from operations.withdrawals import cancel_withdrawal as cancel_request


@bp.get("/contracts/<int:contract_id>/advance")
def advance(contract_id: int):
    """前払金の管理: the statement's versions, the deposit, the balances and the requests."""
    return _advance_page(_own_advance(contract_id), DepositForm(formdata=None))


@bp.route("/contracts/<int:contract_id>/advance/uses", methods=["GET", "POST"])
def use_statement(contract_id: int):
    """前払金使途内訳明細書 (or 使途変更): rows added and removed and the total recomputed on the
    server (htmx swaps the form or its total; without JavaScript the page comes back),
    下書き保存 and 提出."""
    contract = _own_advance(contract_id)
    latest = latest_statement(contract)
    action = request.form.get("action", "")
    if request.method == "GET":
        rows = latest.use_rows if latest else []
        form = UseStatementForm(formdata=statement_form_data(rows) if rows else None)
        return _statement_page(contract, form)
    if action in ("add_row", "recalc") or action.startswith("remove_row-"):
        form = UseStatementForm(formdata=rows_edited(request.form, action))
        return _statement_page(contract, form)
    form = UseStatementForm()
    if form.validate():
        operation = submit_use_statement if action == "submit" else save_use_draft
        try:
            statement = operation(current_user, contract, form.use_rows())
        except DomainError as error:
            show_refusal(form, error)
        else:
            done = (
                "支店に提出しました。審査の結果をお待ちください。"
                if action == "submit"
                else "下書きを保存しました。"
            )
            flash(f"前払金使途内訳明細書（{statement.label}）：{done}")
            return redirect(url_for(".advance", contract_id=contract.id), code=303)
    else:  # some cells could not be read: the other cells' messages are shown with theirs
        bind_problems(form, form.rule_problems(contract.amount, submitting=action == "submit"))
        form.form_errors.append(CHECK_CELLS)
    return _statement_page(contract, form, 422)


@bp.get("/contracts/<int:contract_id>/advance/uses/<int:seq>/statement.pdf")
def use_statement_download(contract_id: int, seq: int):
    """The accepted statement of a version as a PDF, rendered once and kept."""
    contract = _own_advance(contract_id)
    statement = use_statement_or_404(contract, seq)
    return pdf_download(
        use_statement_pdf(statement),
        f"前払金使途内訳明細書_{contract.number}_{statement.label}.pdf",
    )


@bp.post("/contracts/<int:contract_id>/advance/deposit")
def deposit(contract_id: int):
    """前払金の受入: the date and amount the orderer paid into the account."""
    contract = _own_advance(contract_id)
    form = DepositForm()
    if form.validate():
        try:
            record_deposit(current_user, contract, form.received_on.data, form.amount.data)
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash("前払金の受入を記録しました。")
            return redirect(url_for(".advance", contract_id=contract.id), code=303)
    return _advance_page(contract, form, 422)


@bp.route("/contracts/<int:contract_id>/advance/withdrawals/new", methods=["GET", "POST"])
def new_withdrawal(contract_id: int):
    """払出依頼書の作成: refused beyond the use's remaining amount or the balance."""
    contract = _own_advance(contract_id)
    current = advance_of(contract)
    form = WithdrawalForm(formdata=request.form if request.method == "POST" else None)
    form.category.choices = [("", "選択してください")] + [
        (u.category.value, f"{u.category.label}（残額 {u.remaining:,}円）")
        for u in current.ledger.uses
        if u.category is not UseCategory.UNDECIDED and u.declared
    ]
    if request.method == "GET":
        form.wished_on.data = today()
    elif form.validate():
        try:
            withdrawal = prepare_withdrawal(current_user, contract, form.request())
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(
                f"払出依頼書 No.{withdrawal.number} を作成しました。"
                "PDFを印刷して預託金融機関の窓口にお持ちください。"
            )
            return redirect(url_for(".advance", contract_id=contract.id), code=303)
    return render_form("applicant/withdrawal_form.html", form, contract=contract, advance=current)


@bp.get("/contracts/<int:contract_id>/advance/withdrawals/<int:withdrawal_id>/request.pdf")
def withdrawal_download(contract_id: int, withdrawal_id: int):
    """前払金払出依頼書 (PDF) for the bank counter."""
    withdrawal = withdrawal_or_404(_own_advance(contract_id), withdrawal_id)
    return pdf_download(
        withdrawal_pdf(withdrawal),
        f"前払金払出依頼書_{withdrawal.contract.number}_No{withdrawal.number}.pdf",
    )


@bp.post("/contracts/<int:contract_id>/advance/withdrawals/<int:withdrawal_id>/paid")
def withdrawal_paid(contract_id: int, withdrawal_id: int):
    """払出済: the bank paid the request; the balances move."""
    contract = _own_advance(contract_id)
    withdrawal = withdrawal_or_404(contract, withdrawal_id)
    flash_outcome(
        lambda: record_paid(current_user, withdrawal),
        f"払出依頼書 No.{withdrawal.number} を払出済にしました。",
    )
    return redirect(url_for(".advance", contract_id=contract.id), code=303)


@bp.post("/contracts/<int:contract_id>/advance/withdrawals/<int:withdrawal_id>/cancel")
def cancel_withdrawal(contract_id: int, withdrawal_id: int):
    """取消: a request not taken to the bank; its amount is free again."""
    contract = _own_advance(contract_id)
    withdrawal = withdrawal_or_404(contract, withdrawal_id)
    flash_outcome(
        lambda: cancel_request(current_user, withdrawal),
        f"払出依頼書 No.{withdrawal.number} を取り消しました。",
    )
    return redirect(url_for(".advance", contract_id=contract.id), code=303)


def _advance_page(contract: GuaranteeContract, deposit_form: DepositForm, status: int = 200):
    return render_template(
        "applicant/advance.html",
        contract=contract,
        advance=advance_of(contract),
        statements=statements_of(contract),
        deposit_form=deposit_form,
        button=ButtonForm(formdata=None),
    ), status


def _statement_page(contract: GuaranteeContract, form: UseStatementForm, status: int = 200):
    return render_page_or_fragment(
        "applicant/use_statement.html",
        "applicant/_use_form.html",
        status,
        contract=contract,
        latest=latest_statement(contract),
        form=form,
    )


def _own_advance(contract_id: int) -> GuaranteeContract:
    """The company's own 前払金保証 or 中間前払金保証, or 404 (another company's: the same)."""
    return db.first_or_404(
        select(GuaranteeContract)
        .join(Application)
        .where(
            GuaranteeContract.id == contract_id,
            GuaranteeContract.kind.in_(ADVANCE_KINDS),
            own_applications(),
        )
    )
