"""一括確認: each line of a clerk's upload is one lookup, under the lookup's lockout rules and
stamping 電子保証発行日時 as a page view does; bulk has a budget of its own per orderer."""

from datetime import timedelta

from sqlalchemy import func, select

from clock import now
from domain.bulk_checks import (
    CONFIRMED,
    MISMATCH,
    NOT_CONFIRMED,
    BulkLine,
    result_csv,
)
from domain.japan_time import jst_text
from domain.verification import certificate_facts, cross_check
from extensions import db
from models import BulkCheck, User
from operations.audit import record
from operations.certificate_checks import check_certificate
from operations.errors import DomainError

#: Lines an orderer may check in bulk per BUDGET_WINDOW (instead of the per-minute page limit).
BULK_BUDGET = 500
BUDGET_WINDOW = timedelta(hours=1)


def budget_left(user: User) -> int:
    """How many lines the user's orderer may still check in bulk this hour."""
    used = db.session.scalar(
        select(func.coalesce(func.sum(BulkCheck.lines), 0)).where(
            BulkCheck.orderer_id == user.orderer_id, BulkCheck.at > now() - BUDGET_WINDOW
        )
    )
    return max(BULK_BUDGET - used, 0)


def run_bulk_check(user: User, lines: list[BulkLine], address: str) -> BulkCheck:
    """Check every line (nothing when the hour's budget cannot take them all); the result CSV
    is kept for the clerk. Keys are neither kept nor written back."""
    left = budget_left(user)
    if len(lines) > left:
        raise DomainError(
            f"一括確認は発注者ごとに1時間あたり{BULK_BUDGET}行までです（この1時間の残り"
            f"{left}行）。時間をおくか、ファイルを分けてください。何も確認していません。"
        )
    rows, counts = [], {CONFIRMED: 0, MISMATCH: 0, NOT_CONFIRMED: 0}
    for line in lines:
        result, row = _check_line(user, line, address)
        counts[result] += 1
        rows.append(row)
    bulk = BulkCheck(
        at=now(),
        user=user,
        orderer_id=user.orderer_id,
        lines=len(lines),
        confirmed=counts[CONFIRMED],
        mismatched=counts[MISMATCH],
        failed=counts[NOT_CONFIRMED],
        result=result_csv(rows),
    )
    db.session.add(bulk)
    record(
        user,
        "certificate.bulk_checked",
        bulk,
        f"{len(lines)}行（確認できました {counts[CONFIRMED]}、不一致 {counts[MISMATCH]}、"
        f"確認できません {counts[NOT_CONFIRMED]}）",
    )
    return bulk


def _check_line(user: User, line: BulkLine, address: str) -> tuple[str, tuple]:
    typed = (line.line, line.number, line.work_name)
    if line.problems:
        return NOT_CONFIRMED, (
            *typed,
            NOT_CONFIRMED,
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " ".join(line.problems),
        )
    try:
        checked = check_certificate(user, line.number, line.key, address)
    except DomainError as error:
        return NOT_CONFIRMED, (*typed, NOT_CONFIRMED, "", "", "", "", "", "", "", "", error.message)
    marks = cross_check(
        certificate_facts(checked.snapshot),
        line.record,
        checked.contract.application.orderer.contract_min_ratio,
    )
    warning = marks.pop("warning", "")
    result = MISMATCH if marks else CONFIRMED
    facts = checked.facts()
    return result, (
        *typed,
        result,
        checked.status,
        checked.shown.label,
        jst_text(checked.issued_at),
        facts["work_name"],
        facts["contract_price"],
        facts["amount"],
        facts["guarantee_end"].isoformat(),
        " ".join(marks.values()),
        warning,
    )
