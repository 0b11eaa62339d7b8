"""The checks on an orderer's rules as staff enter them: ratios, rounding, the 電子保証 start."""

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.kinds import GuaranteeKind, OrdererCategory, StartBasis
from domain.submissions import SubmissionDetails, check_submission_details

#: The ratios are stored with three decimals (e.g. 0.375).
RATIO_PLACES = 3
MAX_ROUNDING_UNIT = 100_000_000


@dataclass(frozen=True)
class OrdererSettings:
    """Everything staff enter about an orderer, as plain values."""

    name: str
    creditor_name: str
    category: OrdererCategory
    contact: str
    accepted_kinds: frozenset[GuaranteeKind]
    e_surety_start: date | None
    e_surety_basis: StartBasis | None
    advance_ratio: Decimal
    rounding_unit: int
    contract_min_ratio: Decimal
    submission: SubmissionDetails = dataclasses.field(default_factory=SubmissionDetails)


_RATIO_LABELS = {"advance_ratio": "前払金の割合", "contract_min_ratio": "契約保証の最低割合"}


def check_orderer_settings(settings: OrdererSettings) -> dict[str, str]:
    """Return a Japanese message per field that breaks a rule (empty when all is well)."""
    problems: dict[str, str] = {}
    if not settings.name.strip():
        problems["name"] = "発注者名を入力してください。"
    if not settings.creditor_name.strip():
        problems["creditor_name"] = "保証債権者を入力してください。"
    for field, label in _RATIO_LABELS.items():
        message = _ratio_problem(getattr(settings, field), label)
        if message:
            problems[field] = message
    if not 1 <= settings.rounding_unit <= MAX_ROUNDING_UNIT:
        problems["rounding_unit"] = (
            f"端数処理の単位は1円以上{MAX_ROUNDING_UNIT:,}円以下で入力してください（例：10,000）。"
        )
    if settings.e_surety_start is not None and settings.e_surety_basis is None:
        problems["e_surety_basis"] = (
            "開始日を入力したときは、基準日（入札公告日など）を選んでください。"
        )
    if settings.e_surety_start is None and settings.e_surety_basis is not None:
        problems["e_surety_start"] = "基準日を選んだときは、開始日を入力してください。"
    if settings.e_surety_start is not None and not settings.accepted_kinds:
        problems["accepted_kinds"] = (
            "開始日を入力したときは、電子保証を受け付ける保証を選んでください。"
        )
    problems.update(check_submission_details(settings.submission))
    return problems


def _ratio_problem(ratio: Decimal, label: str) -> str | None:
    if not Decimal(0) < ratio <= Decimal(1):
        return f"{label}は0より大きく1以下の数で入力してください（例：0.4）。"
    if ratio != ratio.quantize(Decimal(1).scaleb(-RATIO_PLACES)):
        return f"{label}は小数点以下{RATIO_PLACES}桁までで入力してください。"
    return None
