"""Fee statements (保証料計算書) and the statement of a change's additional fee or refund."""

from dataclasses import dataclass
from datetime import date

from domain.fees import FeeLine, fee_line


@dataclass(frozen=True)
class StatementLine:
    """One guarantee of a statement."""

    kind_label: str
    number: str
    line: FeeLine


def issue_statement(contracts) -> tuple[list[StatementLine], int]:
    """保証料計算書: each guarantee as issued (its first version), and the total."""
    lines = []
    for contract in contracts:
        issued = contract.versions[0].snapshot
        end = date.fromisoformat(issued["guarantee_end"])
        line = fee_line(issued["amount"], contract.rate, contract.issued_on, end)
        lines.append(StatementLine(contract.kind.label, contract.number, line))
    return lines, sum(item.line.fee for item in lines)
