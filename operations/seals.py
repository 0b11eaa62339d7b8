"""Daily seals: each past day's audit entries and changed version chains under one Merkle root,
kept in the database, appended to the seal log outside it and mailed to head office.

The worker seals every day (in Japan) from the one after the last seal up to yesterday; a day
is sealed once complete, so today's records are sealed tomorrow. `check_seals` recomputes each
sealed day's root and compares it with the seal log: an entry or a chain rewritten after its
day was sealed no longer gives the published root.
"""

import json
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from clock import now
from domain.chain import audit_leaf, head_leaf, merkle_root, short_root
from domain.japan_time import JST, day_text, jst_date
from extensions import db
from models import AuditEntry, Branch, CertificateVersion, DailySeal, GuaranteeContract
from notifications import mails
from operations.audit import record, record_mail
from operations.daily_jobs import daily_job

NO_HEAD_OFFICE_ADDRESS = "本店のメールアドレスが未設定のため、封印を送信していません。"


@dataclass(frozen=True)
class DayRoot:
    """A day's root as recomputed from the database, with the number of leaves of each kind."""

    root: str
    audit_count: int
    head_count: int


def day_root(day: date) -> DayRoot:
    """The Merkle root of `day` (in Japan): its audit entries by id, then the last version of
    that day of each contract changed on it, by 保証契約番号 (domain.chain)."""
    start = datetime.combine(day, time(), tzinfo=JST).astimezone(UTC)
    end = start + timedelta(days=1)
    entries = db.session.execute(
        select(
            AuditEntry.id.label("entry_id"),
            AuditEntry.at,
            AuditEntry.user_id,
            AuditEntry.action,
            AuditEntry.subject_type,
            AuditEntry.subject_id,
            AuditEntry.detail,
        )
        .where(AuditEntry.at >= start, AuditEntry.at < end)
        .order_by(AuditEntry.id)
    ).all()
    versions = db.session.execute(
        select(GuaranteeContract.number, CertificateVersion.seq, CertificateVersion.chain_hash)
        .join(GuaranteeContract, CertificateVersion.contract_id == GuaranteeContract.id)
        .where(CertificateVersion.issued_at >= start, CertificateVersion.issued_at < end)
        .order_by(GuaranteeContract.number, CertificateVersion.seq)
    ).all()
    heads = {number: (seq, chain_hash) for number, seq, chain_hash in versions}  # last wins
    leaves = [audit_leaf(**entry._mapping) for entry in entries]
    leaves += [
        head_leaf(contract_number=number, seq=seq, chain_hash=chain_hash)
        for number, (seq, chain_hash) in sorted(heads.items())
    ]
    return DayRoot(merkle_root(leaves), len(entries), len(heads))


def latest_seal() -> DailySeal | None:
    """The most recent daily seal (its `root`, and `mark` as documents print it), or None."""
    return db.session.scalar(select(DailySeal).order_by(DailySeal.day.desc()).limit(1))


@daily_job("seal")
def seal_past_days(today: date) -> None:
    """Seal every complete day not sealed yet: store it, append it to the seal log, mail it."""
    seals = [_seal(day) for day in _days_to_seal(today)]
    if not seals:
        return
    db.session.flush()  # a second sealing of the same day stops here (unique day)
    address, branch_id = _head_office_address()
    mail = mails.daily_seals(address, branch_id, seals) if address else None
    record_mail(None, seals[-1], mail, NO_HEAD_OFFICE_ADDRESS)
    _append_to_log(seals)


def _days_to_seal(today: date) -> list[date]:
    """The days after the last sealed one (or from the first record) up to yesterday."""
    last = db.session.scalar(select(func.max(DailySeal.day)))
    if last is not None:
        first = last + timedelta(days=1)
    else:
        earliest = db.session.scalar(select(func.min(AuditEntry.at)))
        if earliest is None:
            return []
        first = jst_date(earliest)
    return [first + timedelta(days=n) for n in range((today - first).days)]


def _seal(day: date) -> DailySeal:
    computed = day_root(day)
    seal = DailySeal(
        day=day,
        root=computed.root,
        audit_count=computed.audit_count,
        head_count=computed.head_count,
        sealed_at=now(),
    )
    db.session.add(seal)
    record(
        None,
        "seal.made",
        seal,
        f"{day_text(day)} {computed.root}（監査記録 {computed.audit_count}件・"
        f"版の鎖 {computed.head_count}件）",
    )
    return seal


def _head_office_address() -> tuple[str, int | None]:
    """HEAD_OFFICE_EMAIL, or the head office branch's address; and that branch (its outbox)."""
    head_office = db.session.scalar(
        select(Branch).where(Branch.is_head_office).order_by(Branch.id).limit(1)
    )
    configured = current_app.config.get("HEAD_OFFICE_EMAIL", "")
    address = configured or (head_office.email if head_office else "") or ""
    return address, head_office.id if head_office else None


def seal_log_path() -> Path:
    return Path(current_app.config["SEAL_LOG_PATH"])


def _append_to_log(seals: list[DailySeal]) -> None:
    """Append one JSON line per seal to the seal log and force it to disk."""
    path = seal_log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as log:
        for seal in seals:
            log.write(seal.log_line + "\n")
        log.flush()
        os.fsync(log.fileno())


@dataclass(frozen=True)
class SealCheck:
    """The sealed days recomputed and compared with the seal log and the seal rows."""

    days: int
    audit_entries: int
    chain_heads: int
    #: What does not hold, first day first (in Japanese); None when everything matches.
    problem: str | None


def check_seals() -> SealCheck:
    """Recompute every sealed day's root and compare it with the seal log and the database."""
    stored = {seal.day: seal for seal in db.session.scalars(select(DailySeal))}
    path = seal_log_path()
    if not path.exists():
        problem = (
            f"封印ファイル {path} がありません"
            f"（データベースには{len(stored)}日分の封印があります）。"
        )
        return SealCheck(0, 0, 0, problem if stored else None)
    published, unreadable = _read_log(path)
    if unreadable:
        return SealCheck(0, 0, 0, f"封印ファイル {path} の{unreadable}行目が読めません。")
    days = audit_entries = chain_heads = 0
    for day in sorted(stored.keys() | published.keys()):
        computed = day_root(day)
        days += 1
        audit_entries += computed.audit_count
        chain_heads += computed.head_count
        problem = _problem_of(day, computed.root, published.get(day), stored.get(day))
        if problem:
            return SealCheck(days, audit_entries, chain_heads, problem)
    return SealCheck(days, audit_entries, chain_heads, None)


def _problem_of(
    day: date, root: str, published: set[str] | None, seal: DailySeal | None
) -> str | None:
    """What does not hold for one day: its root recomputed, the seal log's, the seal row's."""
    shown = day_text(day)
    if published is None:
        return f"{shown} の封印が封印ファイルにありません（封印ファイルが書き換えられています）。"
    if published != {root}:
        roots = "、".join(short_root(r) for r in sorted(published))
        return (
            f"{shown} の封印が一致しません（封印ファイル: {roots}、再計算: {short_root(root)}）。"
            "この日の監査記録または版が、封印の後に書き換えられています。"
        )
    if seal is None or seal.root != root:
        return f"{shown} の封印がデータベースの記録と異なります（封印の表が書き換えられています）。"
    return None


def _read_log(path: Path) -> tuple[dict[date, set[str]], int | None]:
    """The roots the seal log published per day; or the number of the first unreadable line."""
    published: dict[date, set[str]] = {}
    with path.open(encoding="utf-8") as log:
        for number, line in enumerate(log, start=1):
            try:
                seal = json.loads(line)
                published.setdefault(date.fromisoformat(seal["day"]), set()).add(seal["root"])
            except (ValueError, KeyError, TypeError):
                return {}, number
    return published, None
