"""The orderer's check of a certificate: lockout after failed keys, and the cross-check."""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from domain.kinds import GuaranteeKind
from domain.ratios import AmountRules, contract_minimum, format_yen
from domain.wareki import to_wareki

#: After this many wrong keys for one contract within the window, it is locked.
LOCKOUT_FAILURES = 5
LOCKOUT_WINDOW = timedelta(minutes=15)
LOCKOUT_DURATION = timedelta(minutes=15)


def locked_until(failures: Sequence[datetime], now: datetime) -> datetime | None:
    """When the lockout of a contract ends, given its failed attempts; None if not locked.

    The lock starts at the failure that makes LOCKOUT_FAILURES within LOCKOUT_WINDOW and
    lasts LOCKOUT_DURATION, whatever is typed meanwhile.
    """
    times = sorted(failures)
    for index in range(len(times) - 1, LOCKOUT_FAILURES - 2, -1):
        window_start = times[index - LOCKOUT_FAILURES + 1]
        if times[index] - window_start <= LOCKOUT_WINDOW:
            until = times[index] + LOCKOUT_DURATION
            return until if now < until else None
    return None


@dataclass(frozen=True)
class CertificateFacts:
    """What the certificate states, for the cross-check."""

    kind: GuaranteeKind
    work_name: str
    contract_price: int
    work_start: date
    work_end: date
    amount: int
    expiry: date


@dataclass(frozen=True)
class OrdererRecord:
    """What the orderer typed from its own contract record; None means not typed."""

    work_name: str | None = None
    contract_price: int | None = None
    work_start: date | None = None
    work_end: date | None = None
    amount: int | None = None


def cross_check(
    certificate: CertificateFacts, record: OrdererRecord, contract_min_ratio: Decimal
) -> dict[str, str]:
    """A message per typed value that disagrees, plus warnings under the key "warning"."""
    marks: dict[str, str] = {}
    if record.work_name is not None and _same_text(record.work_name) != _same_text(
        certificate.work_name
    ):
        marks["work_name"] = f"工事名が一致しません（証券：{certificate.work_name}）。"
    for field, label, typed, stated, show in (
        (
            "contract_price",
            "請負金額",
            record.contract_price,
            certificate.contract_price,
            format_yen,
        ),
        ("work_start", "工期（着工日）", record.work_start, certificate.work_start, to_wareki),
        ("work_end", "工期（完成日）", record.work_end, certificate.work_end, to_wareki),
        ("amount", "保証金額", record.amount, certificate.amount, format_yen),
    ):
        if typed is not None and typed != stated:
            marks[field] = f"{label}が一致しません（証券：{show(stated)}）。"
    warnings = _warnings(certificate, record, contract_min_ratio)
    if warnings:
        marks["warning"] = " ".join(warnings)
    return marks


def _warnings(
    certificate: CertificateFacts, record: OrdererRecord, contract_min_ratio: Decimal
) -> list[str]:
    price = record.contract_price or certificate.contract_price
    work_end = record.work_end or certificate.work_end
    warnings = []
    if certificate.kind is GuaranteeKind.CONTRACT:
        minimum = contract_minimum(price, AmountRules(contract_min_ratio=contract_min_ratio))
        if certificate.amount < minimum:
            warnings.append(
                f"契約保証金額が請負金額の{(contract_min_ratio * 100).normalize():f}%"
                f"（{format_yen(minimum)}）を下回っています。"
            )
    elif certificate.expiry < work_end:
        warnings.append(
            f"保証期限（{to_wareki(certificate.expiry)}）が工期の完成日"
            f"（{to_wareki(work_end)}）より前に終わります。"
        )
    return warnings


def _same_text(text: str) -> str:
    """Compare names the way a person reads them: full/half width and spaces do not matter."""
    return "".join(unicodedata.normalize("NFKC", text).split())
