"""Guarantee amounts: their ratio to the base, the orderer's limits, and the checks on them."""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from domain.kinds import GuaranteeKind
from domain.yen import format_yen

ADVANCE_FIELD = "advance_amount"
INTERIM_FIELD = "interim_amount"
CONTRACT_FIELD = "contract_amount"
THIS_YEAR_FIELD = "this_year_amount"

_LABELS = {
    THIS_YEAR_FIELD: "今年度対象額",
    ADVANCE_FIELD: f"{GuaranteeKind.ADVANCE.label}金額",
    INTERIM_FIELD: f"{GuaranteeKind.INTERIM.label}金額",
    CONTRACT_FIELD: f"{GuaranteeKind.CONTRACT.label}金額",
}
_YEN = Decimal(1)
_PERCENT_STEP = Decimal("0.1")


@dataclass(frozen=True)
class AmountRules:
    """An orderer's ratios (of the base, or of the price for contract guarantees)."""

    advance_ratio: Decimal = Decimal("0.4")
    interim_ratio: Decimal = Decimal("0.2")
    combined_ratio: Decimal = Decimal("0.6")
    rounding_unit: int = 1
    contract_min_ratio: Decimal = Decimal("0.1")


def ratio_percent(amount: int, base: int) -> Decimal | None:
    """Return amount / base as a percentage with one decimal, or None without a base."""
    if base <= 0:
        return None
    return _round(Decimal(amount) * 100 / base, _PERCENT_STEP, ROUND_HALF_UP)


def format_percent(ratio: Decimal | None) -> str:
    """Show a percentage as e.g. 40.0%; no ratio shows as 0.0%."""
    return f"{ratio if ratio is not None else Decimal(0):.1f}%"


def floor_to_unit(amount: int, unit: int) -> int:
    """Cut an amount down to a multiple of unit (unit 1 leaves it unchanged)."""
    if unit < 1:
        raise ValueError(f"rounding unit must be at least 1, got {unit}")
    return int(_round(Decimal(amount), Decimal(unit), ROUND_FLOOR))


def advance_limit(base: int, rules: AmountRules) -> int:
    """Return the largest advance guarantee the base allows."""
    return _limit(base, rules.advance_ratio, rules)


def interim_limit(base: int, rules: AmountRules) -> int:
    """Return the largest interim advance guarantee the base allows."""
    return _limit(base, rules.interim_ratio, rules)


def combined_limit(base: int, rules: AmountRules) -> int:
    """Return the largest advance plus interim advance the base allows."""
    return _limit(base, rules.combined_ratio, rules)


def contract_minimum(price: int, rules: AmountRules) -> int:
    """Return the smallest contract guarantee for a contract price, in whole yen."""
    return int(_round(Decimal(price) * rules.contract_min_ratio, _YEN, ROUND_CEILING))


def check_amounts(
    price: int | None,
    base_this_year: int | None,
    advance: int | None,
    interim: int | None,
    contract: int | None,
    rules: AmountRules,
) -> dict[str, str]:
    """Return a Japanese message per field that breaks a rule; None means not requested."""
    given = {
        THIS_YEAR_FIELD: base_this_year,
        ADVANCE_FIELD: advance,
        INTERIM_FIELD: interim,
        CONTRACT_FIELD: contract,
    }
    valid_price = price if price is not None and price > 0 else None
    errors: dict[str, str] = {}
    for field, amount in given.items():
        if amount is None:
            continue
        if amount <= 0:
            errors[field] = f"{_LABELS[field]}は1円以上で入力してください。"
        elif valid_price is not None and amount > valid_price:
            errors[field] = (
                f"{_LABELS[field]}は請負金額（{format_yen(valid_price)}）以下にしてください。"
            )
    if advance is None:
        if interim is not None:
            errors.setdefault(
                INTERIM_FIELD, "中間前払金保証は前払金保証と併せてお申し込みください。"
            )
        if contract is not None:
            errors.setdefault(
                CONTRACT_FIELD,
                "契約保証は前払金保証と同じ工事でのみお申し込みいただけます。"
                "前払金保証も併せてお申し込みください。",
            )
    if valid_price is None or THIS_YEAR_FIELD in errors:
        return errors
    ratio_errors = _check_ratios(valid_price, base_this_year, advance, interim, contract, rules)
    # A field keeps its first message: being positive and within the price comes first.
    return ratio_errors | errors


def check_guarantee_amount(
    kind: GuaranteeKind,
    amount: int,
    price: int,
    base_this_year: int | None,
    rules: AmountRules,
) -> str | None:
    """The message for one guarantee's amount outside the orderer's ratios, or None.

    For a change of an issued guarantee: the other guarantees on the work are not weighed.
    """
    field = {
        GuaranteeKind.ADVANCE: ADVANCE_FIELD,
        GuaranteeKind.INTERIM: INTERIM_FIELD,
        GuaranteeKind.CONTRACT: CONTRACT_FIELD,
    }[kind]
    amounts = {ADVANCE_FIELD: None, INTERIM_FIELD: None, CONTRACT_FIELD: None, field: amount}
    errors = _check_ratios(
        price,
        base_this_year,
        amounts[ADVANCE_FIELD],
        amounts[INTERIM_FIELD],
        amounts[CONTRACT_FIELD],
        rules,
    )
    return errors.get(field)


def combined_problem(
    advance: int,
    interim: int,
    price: int,
    rules: AmountRules,
    base_this_year: int | None = None,
) -> str | None:
    """The message when 前払金 and 中間前払金 of one work together pass the orderer's share
    (6/10) of the base (今年度対象額 when given, else 請負金額), or None when they do not."""
    base, base_name = (
        (price, "請負金額") if base_this_year is None else (base_this_year, "今年度対象額")
    )
    limit = combined_limit(base, rules)
    if advance + interim <= limit:
        return None
    return (
        f"前払金保証金額と中間前払金保証金額の合計（{format_yen(advance + interim)}）が"
        f"{base_name}の{_fraction_label(rules.combined_ratio)}（{format_yen(limit)}）を超えます。"
        "合計をこの額以下にしてください。"
    )


def _check_ratios(
    price: int,
    base_this_year: int | None,
    advance: int | None,
    interim: int | None,
    contract: int | None,
    rules: AmountRules,
) -> dict[str, str]:
    """Check the amounts against the orderer's ratios of a valid base and price."""
    base, base_name = (
        (price, "請負金額") if base_this_year is None else (base_this_year, "今年度対象額")
    )
    errors: dict[str, str] = {}
    if advance is not None and advance > (limit := advance_limit(base, rules)):
        errors[ADVANCE_FIELD] = (
            f"前払金保証金額は{base_name}の{_ratio_label(rules.advance_ratio)}"
            f"（{format_yen(limit)}）以下にしてください。"
        )
    if interim is not None and interim > (limit := interim_limit(base, rules)):
        errors[INTERIM_FIELD] = (
            f"中間前払金保証金額は{base_name}の{_ratio_label(rules.interim_ratio)}"
            f"（{format_yen(limit)}）以下にしてください。"
        )
    elif (
        interim is not None
        and advance is not None
        and ADVANCE_FIELD not in errors
        and (problem := combined_problem(advance, interim, price, rules, base_this_year))
    ):
        errors[INTERIM_FIELD] = problem
    if contract is not None and contract < (minimum := contract_minimum(price, rules)):
        errors[CONTRACT_FIELD] = (
            f"契約保証金額は請負金額の{_ratio_label(rules.contract_min_ratio)}"
            f"（{format_yen(minimum)}）以上にしてください。"
        )
    return errors


def _limit(base: int, ratio: Decimal, rules: AmountRules) -> int:
    """Take ratio of the base in whole yen, then cut to the orderer's rounding unit."""
    return floor_to_unit(int(_round(Decimal(base) * ratio, _YEN, ROUND_FLOOR)), rules.rounding_unit)


def _ratio_label(ratio: Decimal) -> str:
    """Show a ratio as a percentage without trailing zeros, e.g. 0.4 → 40%."""
    return f"{(ratio * 100).normalize():f}%"


def _fraction_label(ratio: Decimal) -> str:
    """Show a ratio in tenths as the model contract conditions do, e.g. 0.6 → 6/10; a ratio
    that is no whole number of tenths as a percentage (0.55 → 55%)."""
    tenths = ratio * 10
    if tenths == tenths.to_integral_value():
        return f"{int(tenths)}/10"
    return _ratio_label(ratio)


def _round(value: Decimal, step: Decimal, rounding: str) -> Decimal:
    """Round value to a multiple of step: the one place where this module rounds."""
    return (value / step).to_integral_value(rounding=rounding) * step
