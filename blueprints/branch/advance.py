"""The advance of a contract for branch staff: review of the 前払金使途内訳明細書 (accept or
return), correction of the deposit, the requests and balances, and the 使途監査 list."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.advance_forms import ButtonForm, DepositForm, UseReturnForm
from blueprints.branch import bp
from blueprints.branch.scope import of_my_branch
from blueprints.downloads import pdf_download
from blueprints.lookups import use_statement_or_404, withdrawal_or_404
from blueprints.refusals import flash_outcome, show_refusal
from domain.advance_uses import NEAR_LIMIT_PERCENT
from extensions import db
from models import GuaranteeContract
from operations.advance_audit import audited_advances, awaiting_review
from operations.documents import use_statement_pdf, withdrawal_pdf
from operations.errors import DomainError
from operations.use_statements import (
    ADVANCE_KINDS,
    accept_use_statement,
    return_use_statement,
    statements_of,
)
from operations.withdrawals import advance_of, correct_deposit


@bp.get("/contracts/<int:contract_id>/advance")
def advance(contract_id: int):
    """前払金の使途: the statement under review, every version, the deposit and the requests."""
    return _advance_page(_advance_contract(contract_id))


@bp.post("/contracts/<int:contract_id>/advance/uses/<int:seq>/accept")
def accept_uses(contract_id: int, seq: int):
    """承諾: the version comes into force."""
    contract = _advance_contract(contract_id)
    statement = use_statement_or_404(contract, seq)
    flash_outcome(
        lambda: accept_use_statement(current_user, statement),
        f"前払金使途内訳明細書（{statement.label}）を承諾しました。",
    )
    return redirect(url_for(".advance", contract_id=contract.id), code=303)


@bp.post("/contracts/<int:contract_id>/advance/uses/<int:seq>/return")
def return_uses(contract_id: int, seq: int):
    """差戻し with a message to the contractor."""
    contract = _advance_contract(contract_id)
    statement = use_statement_or_404(contract, seq)
    form = UseReturnForm()
    if form.validate():
        try:
            return_use_statement(current_user, statement, form.message.data)
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"前払金使途内訳明細書（{statement.label}）を差戻しました。")
            return redirect(url_for(".advance", contract_id=contract.id), code=303)
    return _advance_page(contract, return_form=form, status=422)


@bp.post("/contracts/<int:contract_id>/advance/deposit")
def correct_advance_deposit(contract_id: int):
    """受入の訂正: the audit trail keeps before → after."""
    contract = _advance_contract(contract_id)
    form = DepositForm()
    if form.validate():
        try:
            correct_deposit(current_user, contract, form.received_on.data, form.amount.data)
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash("前払金の受入を訂正しました。")
            return redirect(url_for(".advance", contract_id=contract.id), code=303)
    return _advance_page(contract, deposit_form=form, status=422)


@bp.get("/contracts/<int:contract_id>/advance/uses/<int:seq>/statement.pdf")
def use_statement_download(contract_id: int, seq: int):
    """An accepted version's statement as the contractor has it."""
    contract = _advance_contract(contract_id)
    statement = use_statement_or_404(contract, seq)
    return pdf_download(
        use_statement_pdf(statement),
        f"前払金使途内訳明細書_{contract.number}_{statement.label}.pdf",
    )


@bp.get("/contracts/<int:contract_id>/advance/withdrawals/<int:withdrawal_id>/request.pdf")
def withdrawal_download(contract_id: int, withdrawal_id: int):
    """A 払出依頼書 exactly as the contractor took it to the bank."""
    contract = _advance_contract(contract_id)
    withdrawal = withdrawal_or_404(contract, withdrawal_id)
    return pdf_download(
        withdrawal_pdf(withdrawal), f"前払金払出依頼書_{contract.number}_No{withdrawal.number}.pdf"
    )


@bp.get("/advance-audit")
def advance_audit():
    """使途監査: statements awaiting review, then every advance of the branch (all for head
    office), the flagged ones first."""
    in_scope = of_my_branch(GuaranteeContract.branch_id)
    audited = audited_advances(in_scope)
    return render_template(
        "branch/advance_audit.html",
        awaiting=awaiting_review(in_scope),
        audited=audited,
        flagged=[entry for entry in audited if entry.flags],
        near_limit_percent=NEAR_LIMIT_PERCENT,
    )


def _advance_page(contract: GuaranteeContract, status: int = 200, **forms):
    current = advance_of(contract)
    deposit = current.deposit
    deposit_form = forms.get("deposit_form") or DepositForm(
        formdata=None,
        received_on=deposit.received_on if deposit else None,
        amount=deposit.amount if deposit else None,
    )
    return render_template(
        "branch/advance.html",
        contract=contract,
        advance=current,
        statements=statements_of(contract),
        return_form=forms.get("return_form") or UseReturnForm(formdata=None),
        deposit_form=deposit_form,
        button=ButtonForm(formdata=None),
    ), status


def _advance_contract(contract_id: int) -> GuaranteeContract:
    """A 前払金保証 or 中間前払金保証 of the user's branch, or 404."""
    return db.first_or_404(
        select(GuaranteeContract).where(
            GuaranteeContract.id == contract_id,
            GuaranteeContract.kind.in_(ADVANCE_KINDS),
            of_my_branch(GuaranteeContract.branch_id),
        )
    )
