"""The orderer's check of a certificate: lockout after failed keys, the cross-check, and the
watch over what a checked guarantee still covers."""

import enum
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from domain.japan_time import to_jst
from domain.kinds import GuaranteeKind
from domain.ratios import AmountRules, contract_minimum
from domain.wareki import to_wareki
from domain.yen import format_yen


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
    return [message for _, message in _shortfalls(certificate, record, contract_min_ratio)]


class Gap(enum.StrEnum):
    """Why a guarantee no longer covers what the orderer kept of its contract."""

    SHORT_TERM = "short_term"
    BELOW_MINIMUM = "below_minimum"
    CANCELLED = "cancelled"
    DECREASED = "decreased"

    @property
    def label(self) -> str:
        return {
            "short_term": "保証期限不足",
            "below_minimum": "保証金額不足",
            "cancelled": "解約",
            "decreased": "減額",
        }[self.value]


@dataclass(frozen=True)
class KeptRecord:
    """What the orderer kept to watch: its 工期 end and 請負金額 (either may be None), and the
    guarantee amount when it kept them."""

    work_end: date | None
    contract_price: int | None
    amount_then: int


def coverage_gaps(
    certificate: CertificateFacts,
    kept: KeptRecord,
    cancelled: bool,
    contract_min_ratio: Decimal,
) -> dict[Gap, str]:
    """Each way the guarantee stops covering the kept values, with its message."""
    gaps: dict[Gap, str] = {}
    if cancelled:
        gaps[Gap.CANCELLED] = "保証契約が解約されました。"
    if certificate.amount < kept.amount_then:
        gaps[Gap.DECREASED] = (
            f"保証金額が{format_yen(kept.amount_then)}から"
            f"{format_yen(certificate.amount)}に減額されました。"
        )
    record = OrdererRecord(contract_price=kept.contract_price, work_end=kept.work_end)
    gaps.update(_shortfalls(certificate, record, contract_min_ratio))
    return gaps


def _shortfalls(
    certificate: CertificateFacts, record: OrdererRecord, contract_min_ratio: Decimal
) -> list[tuple[Gap, str]]:
    """The guarantee against the orderer's 請負金額 and 工期 (the certificate's where not typed):
    a 契約保証 below the orderer's minimum, any other guarantee ending before the works."""
    price = record.contract_price or certificate.contract_price
    work_end = record.work_end or certificate.work_end
    if certificate.kind is GuaranteeKind.CONTRACT:
        minimum = contract_minimum(price, AmountRules(contract_min_ratio=contract_min_ratio))
        if certificate.amount < minimum:
            return [
                (
                    Gap.BELOW_MINIMUM,
                    f"契約保証金額が請負金額の{(contract_min_ratio * 100).normalize():f}%"
                    f"（{format_yen(minimum)}）を下回っています。",
                )
            ]
    elif certificate.expiry < work_end:
        return [
            (
                Gap.SHORT_TERM,
                f"保証期限（{to_wareki(certificate.expiry)}）が工期の完成日"
                f"（{to_wareki(work_end)}）より前に終わります。",
            )
        ]
    return []


def _same_text(text: str) -> str:
    """Compare names the way a person reads them: full/half width and spaces do not matter."""
    return "".join(unicodedata.normalize("NFKC", text).split())
