"""前払金使途内訳明細書 and 使途変更: the contractor drafts and submits, the branch accepts or
returns. Each version is reviewed; an accepted one is never edited (a change is a new one)."""

from sqlalchemy import func, select

from clock import now
from domain.advance_uses import UseCategory, UseRow, row_problems, statement_problems
from domain.kinds import GuaranteeKind
from extensions import db
from models import (
    AdvanceDeposit,
    GuaranteeContract,
    User,
    UseStatement,
    UseStatementStatus,
    Withdrawal,
    WithdrawalStatus,
)
from notifications import mails
from operations.audit import record, record_mail
from operations.errors import DomainError
from operations.locks import locked

#: The guarantees whose advance goes into a dedicated account with declared uses.
ADVANCE_KINDS = (GuaranteeKind.ADVANCE, GuaranteeKind.INTERIM)
CHECK_CELLS = "入力内容に誤りがあります。各欄のメッセージをご確認ください。"
NO_BRANCH_MAIL = "支店にメールアドレスの登録がないため、お知らせメールは送信していません。"
NO_APPLICANT_MAIL = "申込にメールアドレスの登録がないため、お知らせメールは送信していません。"


def has_advance(contract: GuaranteeContract) -> bool:
    """A 前払金保証 or 中間前払金保証: its advance is declared and withdrawn here."""
    return contract.kind in ADVANCE_KINDS


def statements_of(contract: GuaranteeContract) -> list[UseStatement]:
    """Every version of the contract's statement, oldest first."""
    return db.session.scalars(
        select(UseStatement)
        .where(UseStatement.contract_id == contract.id)
        .order_by(UseStatement.seq)
    ).all()


def latest_statement(contract: GuaranteeContract) -> UseStatement | None:
    versions = statements_of(contract)
    return versions[-1] if versions else None


def accepted_statement(contract: GuaranteeContract) -> UseStatement | None:
    """The version in force: the last one the branch accepted."""
    return db.session.scalar(
        select(UseStatement)
        .where(
            UseStatement.contract_id == contract.id,
            UseStatement.status == UseStatementStatus.ACCEPTED,
        )
        .order_by(UseStatement.seq.desc())
        .limit(1)
    )


def save_use_draft(user: User, contract: GuaranteeContract, rows: list[UseRow]) -> UseStatement:
    """下書き保存: keep the rows of the open version (a new version when none is open)."""
    problems = row_problems(rows)
    if problems:
        raise DomainError(CHECK_CELLS, problems)
    statement = _open_version(user, contract)
    statement.rows = _stored_rows(rows)
    statement.status = UseStatementStatus.DRAFT
    statement.updated_at, statement.updated_by = now(), user
    record(user, "use_statement.saved", contract, f"{statement.label}（下書き）")
    return statement


def submit_use_statement(
    user: User, contract: GuaranteeContract, rows: list[UseRow]
) -> UseStatement:
    """提出: send the open version to the branch; the total must equal the advance and no use
    may fall below what was already taken out for it."""
    problems = statement_problems(rows, contract.amount, used_by_use(contract))
    if problems:
        raise DomainError(CHECK_CELLS, problems)
    statement = _open_version(user, contract)
    statement.rows = _stored_rows(rows)
    statement.status = UseStatementStatus.SUBMITTED
    statement.message = ""
    statement.updated_at = statement.submitted_at = now()
    statement.updated_by = user
    record(
        user,
        "use_statement.submitted",
        contract,
        f"{statement.label}（合計 {statement.total:,}円）",
    )
    record_mail(user, contract, mails.use_statement_submitted(statement), NO_BRANCH_MAIL)
    return statement


def accept_use_statement(user: User, statement: UseStatement) -> None:
    """承諾 (branch): the version comes into force; withdrawals follow its uses."""
    statement = _under_review(statement)
    contract = statement.contract
    deposit_id = db.session.scalar(
        select(AdvanceDeposit.id).where(AdvanceDeposit.contract_id == contract.id)
    )
    if deposit_id is not None:  # no request may slip in between this check and the commit
        locked(AdvanceDeposit, deposit_id)
    problems = statement_problems(statement.use_rows, contract.amount, used_by_use(contract))
    if problems:
        raise DomainError(
            "この明細書は承諾できません：" + " ".join(dict.fromkeys(problems.values()))
        )
    statement.status = UseStatementStatus.ACCEPTED
    statement.decided_at, statement.decided_by = now(), user
    record(user, "use_statement.accepted", statement.contract, statement.label)
    record_mail(user, statement.contract, mails.use_statement_decided(statement), NO_APPLICANT_MAIL)


def return_use_statement(user: User, statement: UseStatement, message: str) -> None:
    """差戻し (branch): back to the contractor with a message, to edit and send again."""
    message = message.strip()
    if not message:
        raise DomainError(
            "差戻しの理由を入力してください。",
            {"message": "お客様へのお知らせを入力してください。"},
        )
    statement = _under_review(statement)
    statement.status = UseStatementStatus.RETURNED
    statement.message = message
    statement.decided_at, statement.decided_by = now(), user
    record(user, "use_statement.returned", statement.contract, f"{statement.label}：{message}")
    record_mail(user, statement.contract, mails.use_statement_decided(statement), NO_APPLICANT_MAIL)


def used_by_use(contract: GuaranteeContract) -> dict[UseCategory, int]:
    """What was taken out (requested or paid) of each use of the contract."""
    rows = db.session.execute(
        select(Withdrawal.category, func.sum(Withdrawal.amount))
        .where(
            Withdrawal.contract_id == contract.id,
            Withdrawal.status != WithdrawalStatus.CANCELLED,
        )
        .group_by(Withdrawal.category)
    ).all()
    return {category: int(total) for category, total in rows}


def _open_version(user: User, contract: GuaranteeContract) -> UseStatement:
    """The version being edited: the latest if it is a draft or returned, else a new one."""
    if not has_advance(contract):
        raise DomainError("前払金使途内訳明細書は前払金保証・中間前払金保証にのみあります。")
    contract = locked(GuaranteeContract, contract.id)  # one new version at a time
    if contract.is_cancelled:
        raise DomainError("解約された保証契約の明細書は作成できません。")
    latest = latest_statement(contract)
    if latest is not None and latest.status is UseStatementStatus.SUBMITTED:
        raise DomainError("支店で審査中の明細書があります。審査の結果をお待ちください。")
    if latest is not None and latest.status.editable:
        return latest
    statement = UseStatement(
        contract=contract,
        seq=(latest.seq + 1) if latest else 1,
        rows=[],
        created_at=now(),
        updated_at=now(),
        updated_by=user,
    )
    db.session.add(statement)
    return statement


def _under_review(statement: UseStatement) -> UseStatement:
    statement = locked(UseStatement, statement.id)
    if statement.status is not UseStatementStatus.SUBMITTED:
        raise DomainError(f"{statement.status.label}の明細書にはこの操作はできません。")
    return statement


def _stored_rows(rows: list[UseRow]) -> list[dict]:
    return [
        {
            "category": row.category.value,
            "description": row.description.strip(),
            "amount": row.amount,
        }
        for row in rows
    ]
