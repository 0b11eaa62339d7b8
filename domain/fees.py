"""Guarantee fees: an annual rate applied per day, with a minimum fee."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

_DAYS_PER_YEAR = 365


@dataclass(frozen=True)
class FeeRate:
    """One row of the fee table: the annual rate and the minimum fee in yen."""

    annual_rate: Decimal
    minimum_fee: int


def guarantee_days(start: date, end: date) -> int:
    """Count the guarantee days from start to end, both included."""
    if end < start:
        raise ValueError("保証期限は保証開始日以降の日付にしてください。")
    return (end - start).days + 1


def guarantee_fee(amount: int, rate: FeeRate, start: date, end: date) -> int:
    """Compute max(minimum, floor(amount × annual rate × days / 365)) in yen."""
    days = guarantee_days(start, end)
    fee = _floor_yen(Decimal(amount) * rate.annual_rate * days / _DAYS_PER_YEAR)
    return max(rate.minimum_fee, fee)


def _floor_yen(value: Decimal) -> int:
    """Cut yen fractions: the one rounding of fees."""
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


#: Above this annual rate a schedule entry is a typing mistake, not a tariff.
MAX_ANNUAL_RATE = Decimal("0.1")
#: Above this minimum fee (yen) a schedule entry is a typing mistake.
MAX_MINIMUM_FEE = 1_000_000


def check_fee_rate(annual_rate: Decimal | None, minimum_fee: int | None) -> dict[str, str]:
    """Messages (keyed annual_rate / minimum_fee) for a fee schedule entry that cannot be."""
    problems = {}
    if annual_rate is None:
        problems["annual_rate"] = "年率を入力してください。"
    elif annual_rate < 0:
        problems["annual_rate"] = "年率に負の値は設定できません。"
    elif annual_rate > MAX_ANNUAL_RATE:
        problems["annual_rate"] = (
            f"年率が大きすぎます。年{MAX_ANNUAL_RATE * 100:.0f}%以下で入力してください。"
        )
    if minimum_fee is None:
        problems["minimum_fee"] = "最低保証料を入力してください。"
    elif minimum_fee < 0:
        problems["minimum_fee"] = "最低保証料に負の値は設定できません。"
    elif minimum_fee > MAX_MINIMUM_FEE:
        problems["minimum_fee"] = f"最低保証料は{MAX_MINIMUM_FEE:,}円以下で入力してください。"
    return problems


@dataclass(frozen=True)
class FeeLine:
    """One guarantee on a quote or statement: amount, rate, days and fee."""

    amount: int
    rate: FeeRate
    start: date
    end: date
    days: int
    fee: int


def fee_line(amount: int, rate: FeeRate, start: date, end: date) -> FeeLine:
    """The fee of one guarantee from start to end, with the figures it was computed from."""
    days = guarantee_days(start, end)
    return FeeLine(amount, rate, start, end, days, guarantee_fee(amount, rate, start, end))


def change_fee_difference(
    old_amount: int, old_end: date, new_amount: int, new_end: date, rate: FeeRate, on: date
) -> int:
    """Additional fee (positive) or refund (negative) when a guarantee changes on `on`.

    Decision: the fee of the remaining days (from `on` to each 保証期限, both included) under the
    new terms minus that under the old terms, each cut to whole yen; no minimum applies.
    """
    return _remaining_fee(new_amount, new_end, rate, on) - _remaining_fee(
        old_amount, old_end, rate, on
    )


#: SAMPLE RULE (not a surety's tariff): the handling charge kept from every refund, in yen.
SAMPLE_REFUND_HANDLING_FEE = 1_000


@dataclass(frozen=True)
class Refund:
    """保証料返還 under the sample rules: its figures, the sum returned, and why none is due."""

    released_amount: int
    #: The unexpired period: from the day of the 減額 or 解約 to 保証期限.
    on: date
    end: date
    days: int
    unexpired_fee: int
    handling_fee: int
    amount: int
    #: Empty when a refund is due; else the sentence the statement prints.
    reason_none: str


def refund_due(released_amount: int, rate: FeeRate, on: date, end: date) -> Refund:
    """The refund when `released_amount` of a guarantee is released on `on` (減額: the
    reduction; 解約: the whole amount), under SAMPLE RULES that a surety replaces with its own:

    refund = floor(released amount × annual rate × unexpired days / 365) − the handling charge
    (SAMPLE_REFUND_HANDLING_FEE), the unexpired days running from `on` to 保証期限, both
    included. None is due when no day remains, or when the unexpired fee does not exceed the
    handling charge.
    """
    days = guarantee_days(on, end) if end >= on else 0
    unexpired = _remaining_fee(released_amount, end, rate, on)
    handling = SAMPLE_REFUND_HANDLING_FEE
    if days == 0:
        reason = "保証期限を過ぎているため、返還する保証料はありません。"
    elif unexpired <= handling:
        reason = (
            f"未経過期間の保証料（{unexpired:,}円）が事務手数料（{handling:,}円）以下のため、"
            "返還する保証料はありません。"
        )
    else:
        reason = ""
    amount = 0 if reason else unexpired - handling
    return Refund(released_amount, on, end, days, unexpired, handling, amount, reason)


def _remaining_fee(amount: int, end: date, rate: FeeRate, on: date) -> int:
    if end < on:
        return 0
    days = guarantee_days(on, end)
    return _floor_yen(Decimal(amount) * rate.annual_rate * days / _DAYS_PER_YEAR)


def format_rate(annual_rate: Decimal) -> str:
    """An annual rate as people read it, e.g. Decimal("0.0045") → 年0.45%."""
    percent = f"{annual_rate * 100:.4f}".rstrip("0").rstrip(".")
    return f"年{percent}%"
