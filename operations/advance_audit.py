"""使途監査: every advance of a branch with its deposit, requests and balances, and the ones to
look at (an undecided use still open while money goes out, or a use near its limit)."""

from dataclasses import dataclass

from sqlalchemy import or_, select

from domain.advance_uses import NEAR_LIMIT_PERCENT, UseCategory
from extensions import db
from models import AdvanceDeposit, GuaranteeContract, UseStatement, UseStatementStatus
from operations.withdrawals import Advance, advance_of


@dataclass(frozen=True)
class AuditedAdvance:
    """One contract's advance and why the branch should look at it (empty: nothing to see)."""

    advance: Advance
    flags: list[str]


def audited_advances(in_scope) -> list[AuditedAdvance]:
    """Every advance contract matching `in_scope` (a condition on GuaranteeContract) that has a
    statement or a deposit, newest contract first."""
    involved = or_(
        GuaranteeContract.id.in_(select(UseStatement.contract_id)),
        GuaranteeContract.id.in_(select(AdvanceDeposit.contract_id)),
    )
    contracts = db.session.scalars(
        select(GuaranteeContract).where(in_scope, involved).order_by(GuaranteeContract.id.desc())
    ).all()
    return [_audited(advance_of(contract)) for contract in contracts]


def awaiting_review(in_scope) -> list[UseStatement]:
    """Statements (and 使途変更) sent to the branch and not yet decided, oldest first."""
    return db.session.scalars(
        select(UseStatement)
        .join(GuaranteeContract)
        .where(in_scope, UseStatement.status == UseStatementStatus.SUBMITTED)
        .order_by(UseStatement.submitted_at, UseStatement.id)
    ).all()


def _audited(advance: Advance) -> AuditedAdvance:
    flags = []
    uses = {use.category: use for use in advance.ledger.uses}
    undecided = uses.get(UseCategory.UNDECIDED)
    if undecided and undecided.declared and advance.withdrawals:
        flags.append(f"未定 {undecided.declared:,}円のまま払出依頼あり")
    for use in advance.ledger.uses:
        if use.category is not UseCategory.UNDECIDED and use.near_limit:
            flags.append(f"{use.category.label} 使用率{use.percent}%（{NEAR_LIMIT_PERCENT}%以上）")
    return AuditedAdvance(advance, flags)
