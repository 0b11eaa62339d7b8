"""The fee schedule (保証料率表) and the fee quote of an application."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from clock import now
from domain.fees import FeeLine, check_fee_rate, fee_line
from domain.japan_time import day_text
from domain.kinds import GuaranteeKind, OrdererCategory
from extensions import db
from models import Application, FeeRateEntry, GuaranteeRequest, User
from operations.audit import record
from operations.errors import INVALID_INPUT, DomainError, StaleError

#: Sample rates (annual rate, minimum fee) shipped with the product; real tariffs are not public.
SAMPLE_RATES = {
    GuaranteeKind.ADVANCE: ("0.0040", "0.0042", "0.0045", "0.0050", 5_000),
    GuaranteeKind.INTERIM: ("0.0040", "0.0042", "0.0045", "0.0050", 5_000),
    GuaranteeKind.CONTRACT: ("0.0050", "0.0052", "0.0055", "0.0060", 5_000),
}


@dataclass(frozen=True)
class QuoteLine:
    """The fee of one requested guarantee, or why it cannot be computed."""

    guarantee: GuaranteeRequest
    entry: FeeRateEntry | None
    line: FeeLine | None
    problem: str = ""


@dataclass(frozen=True)
class Quote:
    """The fees of every guarantee of an application, issued on `issue_date`."""

    issue_date: date
    lines: list[QuoteLine]

    @property
    def total(self) -> int:
        return sum(q.line.fee for q in self.lines if q.line)

    @property
    def problems(self) -> list[str]:
        return [q.problem for q in self.lines if q.problem]


def current_rates() -> dict[tuple[GuaranteeKind, OrdererCategory], FeeRateEntry]:
    """The entry in force for each kind × 発注者区分 (the entry no later entry replaces)."""
    replaced = select(FeeRateEntry.replaces_id).where(FeeRateEntry.replaces_id.is_not(None))
    entries = db.session.scalars(select(FeeRateEntry).where(FeeRateEntry.id.not_in(replaced)))
    return {(e.kind, e.orderer_category): e for e in entries}


def rate_history(kind: GuaranteeKind, category: OrdererCategory) -> list[FeeRateEntry]:
    """Every entry of one pair, newest first."""
    return db.session.scalars(
        select(FeeRateEntry)
        .where(FeeRateEntry.kind == kind, FeeRateEntry.orderer_category == category)
        .order_by(FeeRateEntry.id.desc())
    ).all()


def set_fee_rate(
    user: User,
    kind: GuaranteeKind,
    category: OrdererCategory,
    annual_rate: Decimal | None,
    minimum_fee: int | None,
    based_on_id: int | None,
) -> FeeRateEntry:
    """Put a new rate in force for one pair; the one it replaces stays in the history."""
    problems = check_fee_rate(annual_rate, minimum_fee)
    if problems:
        raise DomainError(INVALID_INPUT, problems)
    current = current_rates().get((kind, category))
    if (current.id if current else None) != based_on_id:
        raise StaleError("保証料率")
    if current and (current.annual_rate, current.minimum_fee) == (annual_rate, minimum_fee):
        raise DomainError("現在の設定と同じです。変更する値を入力してください。")
    entry = FeeRateEntry(
        kind=kind,
        orderer_category=category,
        annual_rate=annual_rate,
        minimum_fee=minimum_fee,
        replaces=current,
        set_by=user,
        set_at=now(),
    )
    db.session.add(entry)
    before = _describe(current) if current else "未設定"
    record(
        user,
        "fee_rate.set",
        entry,
        f"{kind.label}・{category.label}：{before} → {_describe(entry)}",
    )
    return entry


def seed_sample_rates() -> None:
    """Put the sample rates in force (demo data), marked as samples."""
    for kind, (*rates, minimum) in SAMPLE_RATES.items():
        for category, rate in zip(OrdererCategory, rates, strict=True):
            db.session.add(
                FeeRateEntry(
                    kind=kind,
                    orderer_category=category,
                    annual_rate=Decimal(rate),
                    minimum_fee=minimum,
                    is_sample=True,
                    set_at=now(),
                )
            )


def quote(application: Application, issue_date: date) -> Quote:
    """The fee of each requested guarantee if it were issued on `issue_date`."""
    rates = current_rates()
    category = application.orderer.category if application.orderer else None
    return Quote(
        issue_date,
        [
            _quote_line(g, rates.get((g.kind, category)), application, issue_date)
            for g in application.guarantees
        ],
    )


def guarantee_end(application: Application) -> date | None:
    """保証期限: the completion date (工期 end) for advance, interim and contract guarantees."""
    return application.work_end


def _quote_line(guarantee, entry, application, issue_date) -> QuoteLine:
    end = guarantee_end(application)
    if entry is None:
        return QuoteLine(guarantee, None, None, f"{guarantee.kind.label}の保証料率が未設定です。")
    if guarantee.amount is None or end is None:
        return QuoteLine(
            guarantee, entry, None, f"{guarantee.kind.label}の金額または工期が未入力です。"
        )
    if end < issue_date:
        return QuoteLine(
            guarantee,
            entry,
            None,
            f"{guarantee.kind.label}の保証期限（{day_text(end)}）が発行日より前です。",
        )
    return QuoteLine(guarantee, entry, fee_line(guarantee.amount, entry.rate, issue_date, end))


def _describe(entry: FeeRateEntry) -> str:
    return f"年率 {entry.annual_rate * 100:.4f}%・最低保証料 {entry.minimum_fee:,}円"
