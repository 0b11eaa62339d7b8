"""The orderer's check of a certificate: open it with number and key, stamp the first view."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from domain.identifiers import normalise_contract_number
from domain.verification import (
    CONTRACT_LOCK,
    ORDERER_MISS_LIMIT,
    USER_MISS_LIMIT,
    locked_until,
    until_text,
)
from extensions import db
from models import (
    CertificateVersion,
    ContractStatus,
    GuaranteeContract,
    LookupAttempt,
    LookupOutcome,
    Orderer,
    User,
    VersionConfirmation,
)
from operations.audit import keep_despite_refusal, record
from operations.clock import JAPAN, now
from operations.errors import DomainError, StaleError
from operations.keys import key_opens
from operations.locks import locked

#: One answer for an unknown number, a wrong or revoked key, a locked contract (to anyone but
#: its orderer) and another orderer's certificate.
NOT_FOUND = (
    "保証契約番号または認証キーが正しくないか、確認できる保証証券がありません。"
    "入力内容をご確認ください。"
)


class NotFound(DomainError):
    """The same refusal whatever the reason, so it tells nothing about what exists."""

    def __init__(self):
        super().__init__(NOT_FOUND)


class Locked(DomainError):
    """Too many wrong keys of the own orderer for this contract: refused until `until`."""

    def __init__(self, until: datetime):
        super().__init__(
            "認証キーの誤りが続いたため、この保証契約番号での確認を"
            f"{until_text(until.astimezone(JAPAN))}まで一時的に停止しています。"
            "それ以降に、もう一度お試しください。お急ぎの場合は保証会社の担当支店へご連絡ください。"
        )
        self.until = until


class Suspended(DomainError):
    """Too many misses by this user (or its orderer): every lookup is refused until `until`."""

    def __init__(self, until: datetime):
        super().__init__(
            "入力の誤りが続いたため、しばらく確認を停止しています。"
            f"{until_text(until.astimezone(JAPAN))}以降に、保証契約番号と認証キーを"
            "お確かめのうえ、もう一度お試しください。"
        )
        self.until = until


def open_certificate(user: User, number: str, key: str, address: str) -> GuaranteeContract:
    """電子証書の確認: the contract when the number and key open it for the user's orderer.

    Only the contract's own orderer's wrong keys count towards the contract's lock (Locked,
    told only to that orderer). Every other miss - unknown, malformed or paper number, another
    orderer's contract - is NotFound alike and counts towards the typist's own limit
    (Suspended, told only to them).
    """
    canonical = normalise_contract_number(number)
    contract = _contract_numbered(canonical)
    own = contract is not None and contract.application.orderer_id == user.orderer_id
    opens = key_opens(contract if own else None, key)  # always one digest, hit or miss
    suspended = suspended_until(user)
    until = lockout_until(contract) if own else None
    attempt = LookupAttempt(
        at=now(),
        user=user,
        orderer_id=user.orderer_id,
        contract_id=contract.id if contract else None,
        number=(canonical or number.strip())[:40],
        address=address[:45],
    )
    db.session.add(attempt)
    keep_despite_refusal()  # a refused attempt is kept: it counts towards a lockout
    if suspended is not None:
        attempt.outcome = LookupOutcome.SUSPENDED
        record(user, "certificate.lookup_suspended", attempt)
        raise Suspended(suspended)
    if not own:
        attempt.outcome = LookupOutcome.NOT_FOUND
        record(user, "certificate.lookup_failed", attempt, attempt.outcome.label)
        raise NotFound()
    if until is not None:
        attempt.outcome = LookupOutcome.LOCKED
        record(user, "certificate.lookup_locked", attempt)
        raise Locked(until)
    if not opens:
        attempt.outcome = LookupOutcome.WRONG_KEY
        record(user, "certificate.lookup_failed", attempt, attempt.outcome.label)
        raise NotFound()
    attempt.outcome = LookupOutcome.OPENED
    record(user, "certificate.lookup_opened", attempt, contract.number)
    return contract


def lockout_until(contract: GuaranteeContract) -> datetime | None:
    """When the contract's lockout ends; None when it is not locked.

    Counts the own orderer's wrong keys since the key was issued and the lock last lifted.
    """
    at = now()
    since = max(
        moment
        for moment in (
            at - 2 * CONTRACT_LOCK.window,
            contract.key_issued_at,
            contract.lock_lifted_at,
        )
        if moment is not None
    )
    failures = db.session.scalars(
        select(LookupAttempt.at).where(
            LookupAttempt.contract_id == contract.id,
            LookupAttempt.orderer_id == contract.application.orderer_id,
            LookupAttempt.outcome == LookupOutcome.WRONG_KEY,
            LookupAttempt.at >= since,
        )
    ).all()
    return locked_until(failures, at, CONTRACT_LOCK)


def suspended_until(user: User) -> datetime | None:
    """When the user's own stop after many misses ends (theirs, or their orderer's)."""
    at = now()
    ends = []
    for column, owner, limit in (
        (LookupAttempt.user_id, user.id, USER_MISS_LIMIT),
        (LookupAttempt.orderer_id, user.orderer_id, ORDERER_MISS_LIMIT),
    ):
        misses = db.session.scalars(
            select(LookupAttempt.at).where(
                column == owner,
                LookupAttempt.outcome == LookupOutcome.NOT_FOUND,
                LookupAttempt.at > at - 2 * limit.window,
            )
        ).all()
        if (end := locked_until(misses, at, limit)) is not None:
            ends.append(end)
    return max(ends, default=None)


def lift_lockout(user: User, contract: GuaranteeContract, revision: int | None) -> None:
    """ロック解除 by branch staff: the wrong keys so far no longer count."""
    contract = locked(GuaranteeContract, contract.id)
    if revision != contract.revision:
        raise StaleError("保証契約")
    until = lockout_until(contract) if contract.is_electronic else None
    if until is None:
        raise DomainError("この保証契約はロックされていません。")
    contract.lock_lifted_at = now()
    record(
        user,
        "contract.lockout_lifted",
        contract,
        f"{until_text(until.astimezone(JAPAN))}までのロックを解除",
    )


@dataclass(frozen=True)
class ForeignTries:
    """Lookups of a contract's number by someone of another orderer (never shown to them)."""

    user: User
    orderer: Orderer
    count: int
    first: datetime
    last: datetime


def foreign_tries(contract: GuaranteeContract) -> list[ForeignTries]:
    """Who of other orderers typed this contract's number, how often and when (per user)."""
    rows = db.session.execute(
        select(
            LookupAttempt.user_id,
            LookupAttempt.orderer_id,
            func.count(),
            func.min(LookupAttempt.at),
            func.max(LookupAttempt.at),
        )
        .where(
            LookupAttempt.contract_id == contract.id,
            LookupAttempt.orderer_id != contract.application.orderer_id,
        )
        .group_by(LookupAttempt.user_id, LookupAttempt.orderer_id)
        .order_by(func.max(LookupAttempt.at).desc())
    ).all()
    return [
        ForeignTries(db.session.get(User, user_id), db.session.get(Orderer, orderer_id), *rest)
        for user_id, orderer_id, *rest in rows
    ]


def view_version(user: User, version: CertificateVersion) -> VersionConfirmation:
    """The orderer sees a version: the first view stamps 電子保証発行日時; later, audited."""
    confirmation = version.confirmation
    if confirmation is None:
        confirmation = VersionConfirmation(
            version=version, orderer_id=user.orderer_id, viewed_by=user, first_viewed_at=now()
        )
        db.session.add(confirmation)
        record(
            user, "certificate.first_viewed", version, f"{version.contract.number} {version.label}"
        )
    else:
        record(user, "certificate.viewed", version, f"{version.contract.number} {version.label}")
    return confirmation


def checked_by(user: User) -> list[tuple[GuaranteeContract, CertificateVersion, str | None]]:
    """確認済み一覧: the orderer's checked contracts, each with its last checked version and a
    flag when it changed (a newer visible version) or was cancelled since."""
    last_checked = (
        select(CertificateVersion.contract_id, func.max(CertificateVersion.seq).label("seq"))
        .join(VersionConfirmation)
        .where(VersionConfirmation.orderer_id == user.orderer_id)
        .group_by(CertificateVersion.contract_id)
        .subquery()
    )
    rows = db.session.execute(
        select(GuaranteeContract, CertificateVersion)
        .join(last_checked, last_checked.c.contract_id == GuaranteeContract.id)
        .join(
            CertificateVersion,
            (CertificateVersion.contract_id == GuaranteeContract.id)
            & (CertificateVersion.seq == last_checked.c.seq),
        )
        .order_by(GuaranteeContract.number)
    ).all()
    return [(contract, version, _since(contract, version)) for contract, version in rows]


def _since(contract: GuaranteeContract, checked: CertificateVersion) -> str | None:
    """What happened after the orderer's last check, in a word; None when nothing did."""
    if contract.status is ContractStatus.CANCELLED:
        return "解約"
    if contract.current_version.seq > checked.seq:
        return "変更あり"
    return None


def _contract_numbered(number: str | None) -> GuaranteeContract | None:
    if number is None:
        return None
    contract = db.session.scalar(
        select(GuaranteeContract).where(GuaranteeContract.number == number)
    )
    return contract if contract is not None and contract.is_electronic else None
