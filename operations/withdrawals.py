"""The advance's account: the deposit received, and the withdrawals (払出依頼書) against the
accepted uses. Every change that moves money takes the deposit row's lock first, so two
requests prepared at once are checked one after the other and never overdraw."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from clock import now, today
from domain.advance_uses import Ledger, WithdrawalRequest, ledger, withdrawal_problems
from domain.japan_time import day_text
from extensions import db
from models import (
    AdvanceDeposit,
    GuaranteeContract,
    User,
    UseStatement,
    Withdrawal,
    WithdrawalStatus,
)
from operations.audit import changes, record
from operations.errors import DomainError
from operations.locks import locked
from operations.use_statements import CHECK_CELLS, accepted_statement, has_advance


def _deposit_facts(deposit: AdvanceDeposit) -> dict[str, str]:
    """The deposit as the audit trail reads it (before → after)."""
    return {"受入日": day_text(deposit.received_on), "受入金額": f"{deposit.amount:,}円"}


@dataclass(frozen=True)
class Advance:
    """Everything about one contract's advance that its pages show."""

    contract: GuaranteeContract
    deposit: AdvanceDeposit | None
    accepted: UseStatement | None
    ledger: Ledger
    withdrawals: list[Withdrawal]


def deposit_of(contract: GuaranteeContract) -> AdvanceDeposit | None:
    return db.session.scalar(
        select(AdvanceDeposit).where(AdvanceDeposit.contract_id == contract.id)
    )


def withdrawals_of(contract: GuaranteeContract) -> list[Withdrawal]:
    return db.session.scalars(
        select(Withdrawal).where(Withdrawal.contract_id == contract.id).order_by(Withdrawal.number)
    ).all()


def advance_of(contract: GuaranteeContract) -> Advance:
    """The deposit, the statement in force, the balances per use and in total, the requests."""
    deposit = deposit_of(contract)
    accepted = accepted_statement(contract)
    withdrawals = withdrawals_of(contract)
    return Advance(
        contract,
        deposit,
        accepted,
        ledger(
            deposit.amount if deposit else 0,
            accepted.declared if accepted else {},
            [(w.category, w.amount, w.is_paid) for w in withdrawals if not w.is_cancelled],
        ),
        withdrawals,
    )


def record_deposit(
    user: User, contract: GuaranteeContract, received_on: date | None, amount: int | None
) -> AdvanceDeposit:
    """前払金の受入 (contractor): the date and amount the orderer paid into the account."""
    if not has_advance(contract):
        raise DomainError("前払金の受入は前払金保証・中間前払金保証にのみ記録できます。")
    locked(GuaranteeContract, contract.id)  # one deposit per contract, even on a double click
    if deposit_of(contract) is not None:
        raise DomainError("受入は記録済みです。訂正が必要な場合は取扱支店にご連絡ください。")
    _check_deposit(contract, received_on, amount, already_used=0)
    deposit = AdvanceDeposit(
        contract=contract, received_on=received_on, amount=amount,
        recorded_at=now(), recorded_by=user,
    )  # fmt: skip
    db.session.add(deposit)
    record(user, "advance.deposit_recorded", contract,
           changes({}, _deposit_facts(deposit)))  # fmt: skip
    return deposit


def correct_deposit(
    user: User, contract: GuaranteeContract, received_on: date | None, amount: int | None
) -> AdvanceDeposit:
    """受入の訂正 (branch): before → after in the audit trail; never below what was taken out."""
    deposit = deposit_of(contract)
    if deposit is None:
        raise DomainError("受入がまだ記録されていません。")
    deposit = locked(AdvanceDeposit, deposit.id)
    taken = advance_of(contract).ledger
    _check_deposit(contract, received_on, amount, already_used=taken.paid + taken.requested)
    before = _deposit_facts(deposit)
    deposit.received_on, deposit.amount, deposit.corrected_at = received_on, amount, now()
    difference = changes(before, _deposit_facts(deposit))
    if not difference:
        raise DomainError("現在の記録と同じです。訂正する値を入力してください。")
    record(user, "advance.deposit_corrected", contract, difference)
    return deposit


def prepare_withdrawal(
    user: User, contract: GuaranteeContract, request: WithdrawalRequest
) -> Withdrawal:
    """払出依頼書の作成: reserve the amount against its use and the account, under the lock."""
    if contract.is_cancelled:
        raise DomainError(
            "解約された保証契約の前払金の払出依頼書は作成できません。取扱支店にご相談ください。"
        )
    deposit = deposit_of(contract)
    if deposit is None:
        raise DomainError("先に前払金の受入（受入日・金額）を記録してください。")
    locked(AdvanceDeposit, deposit.id)  # requests for this account wait here, one by one
    advance = advance_of(contract)
    if advance.accepted is None:
        raise DomainError("承諾された前払金使途内訳明細書がありません。")
    problems = withdrawal_problems(
        request, advance.accepted.declared, advance.ledger.used_by_use(), advance.ledger.available
    )
    if problems:
        raise DomainError(CHECK_CELLS, problems)
    number = db.session.scalar(
        select(func.coalesce(func.max(Withdrawal.number), 0)).where(
            Withdrawal.contract_id == contract.id
        )
    )
    withdrawal = Withdrawal(
        contract=contract, number=number + 1, payee=request.payee.strip(),
        category=request.category, amount=request.amount, wished_on=request.wished_on,
        prepared_at=now(), prepared_by=user,
    )  # fmt: skip
    db.session.add(withdrawal)
    record(user, "advance.withdrawal_prepared", contract,
           f"払出依頼書 No.{withdrawal.number}：{withdrawal.payee}・"
           f"{withdrawal.category.label}・{withdrawal.amount:,}円")  # fmt: skip
    return withdrawal


def record_paid(user: User, withdrawal: Withdrawal) -> None:
    """払出済 (contractor): the bank paid it; the balance of the account moves."""
    deposit = deposit_of(withdrawal.contract)
    locked(AdvanceDeposit, deposit.id)
    withdrawal = locked(Withdrawal, withdrawal.id)
    if not withdrawal.is_pending:
        raise DomainError(f"この払出依頼書は{withdrawal.status.label}です。")
    withdrawal.status = WithdrawalStatus.PAID
    withdrawal.paid_at, withdrawal.paid_by = now(), user
    record(user, "advance.withdrawal_paid", withdrawal.contract,
           f"払出依頼書 No.{withdrawal.number}：{withdrawal.amount:,}円")  # fmt: skip


def cancel_withdrawal(user: User, withdrawal: Withdrawal) -> None:
    """取消 (contractor): a request not taken to the bank; its amount is free again."""
    deposit = deposit_of(withdrawal.contract)
    locked(AdvanceDeposit, deposit.id)
    withdrawal = locked(Withdrawal, withdrawal.id)
    if not withdrawal.is_pending:
        raise DomainError(f"{withdrawal.status.label}の払出依頼書は取り消せません。")
    withdrawal.status = WithdrawalStatus.CANCELLED
    record(user, "advance.withdrawal_cancelled", withdrawal.contract,
           f"払出依頼書 No.{withdrawal.number}：{withdrawal.amount:,}円")  # fmt: skip


def _check_deposit(contract, received_on, amount, already_used: int) -> None:
    problems = {}
    if received_on is None:
        problems["received_on"] = "受入日を入力してください。"
    elif received_on > today():
        problems["received_on"] = "受入日は今日以前の日付を入力してください。"
    if amount is None:
        problems["amount"] = "受入金額を入力してください。"
    elif amount > contract.amount:
        problems["amount"] = f"前払金保証の保証金額（{contract.amount:,}円）を超えています。"
    elif amount < already_used:
        problems["amount"] = f"既に払出依頼・払出済の金額（{already_used:,}円）を下回ります。"
    if problems:
        raise DomainError(CHECK_CELLS, problems)
