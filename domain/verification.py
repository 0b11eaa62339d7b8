"""The orderer's check of a certificate: lockout after failed keys, and the cross-check."""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from domain.japan_time import to_jst
from domain.kinds import GuaranteeKind
from domain.ratios import AmountRules, contract_minimum, format_yen
from domain.wareki import to_wareki


@dataclass(frozen=True)
class Limit:
    """So many failures within `window` stop further tries for `duration`."""

    failures: int
    window: timedelta
    duration: timedelta


#: A contract is locked after this many wrong keys of its own orderer (no one else's count).
LOCKOUT_FAILURES = 5
LOCKOUT_WINDOW = timedelta(minutes=15)
LOCKOUT_DURATION = timedelta(minutes=15)
CONTRACT_LOCK = Limit(LOCKOUT_FAILURES, LOCKOUT_WINDOW, LOCKOUT_DURATION)

# Every other miss (a number of another orderer, an unknown or malformed number, a paper
# contract) counts alike towards a limit of the one who typed it, so the limit tells nothing
# about which numbers exist. A clerk copying a number and key from a mailed PDF rarely misses
# more than a few times in a row, so ten misses in 15 minutes stops one account after a
# handful of honest retries while capping a guesser at 40 numbers an hour; thirty per orderer
# (three busy clerks' worth) caps an orderer's several accounts together at 120 an hour.
# Either stop lasts 15 minutes and applies only to the one who tripped it.
USER_MISS_LIMIT = Limit(10, timedelta(minutes=15), timedelta(minutes=15))
ORDERER_MISS_LIMIT = Limit(30, timedelta(minutes=15), timedelta(minutes=15))


def locked_until(
    failures: Sequence[datetime], now: datetime, limit: Limit = CONTRACT_LOCK
) -> datetime | None:
    """When a lockout ends, given the failed attempts it counts; None if not locked.

    The lock starts at the failure that makes `limit.failures` within `limit.window` and
    lasts `limit.duration`, whatever is typed meanwhile.
    """
    times = sorted(failures)
    for index in range(len(times) - 1, limit.failures - 2, -1):
        window_start = times[index - limit.failures + 1]
        if times[index] - window_start <= limit.window:
            until = times[index] + limit.duration
            return until if now < until else None
    return None


def until_text(moment: datetime) -> str:
    """The end of a lock as the orderer reads it, in Japan time, e.g. 11月27日 18:30."""
    local = to_jst(moment)
    return f"{local.month}月{local.day}日 {local:%H:%M}"


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


def certificate_facts(snapshot: dict) -> CertificateFacts:
    """The facts of a certificate version's snapshot."""
    return CertificateFacts(
        kind=GuaranteeKind(snapshot["kind"]),
        work_name=snapshot["work_name"],
        contract_price=snapshot["contract_price"],
        work_start=date.fromisoformat(snapshot["work_start"]),
        work_end=date.fromisoformat(snapshot["work_end"]),
        amount=snapshot["amount"],
        expiry=date.fromisoformat(snapshot["guarantee_end"]),
    )


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
