"""The orderer's check of a certificate: open it with number and key, stamp the first view."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from clock import now, today
from domain.identifiers import key_mistyped, normalise_contract_number
from domain.lifecycle import Flag, Standing
from domain.notices import expires_soon
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
    GuaranteeContract,
    LookupAttempt,
    LookupOutcome,
    Orderer,
    ShownVersion,
    User,
    VersionConfirmation,
)
from operations.audit import keep_despite_refusal, record
from operations.errors import DomainError, StaleError
from operations.keys import key_opens
from operations.locks import insert_once, locked
from operations.notices import coverage_of, tell_contractor_confirmed

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


class Mistyped(DomainError):
    """The own orderer typed a key whose check character does not match: a slip, not a guess."""

    def __init__(self):
        super().__init__("認証キーの入力に誤りがあるようです。もう一度ご確認ください。")


class Locked(DomainError):
    """Too many wrong keys of the own orderer for this contract: refused until `until`."""

    def __init__(self, until: datetime):
        super().__init__(
            "認証キーの誤りが続いたため、この保証契約番号での確認を"
            f"{until_text(until)}まで一時的に停止しています。"
            "それ以降に、もう一度お試しください。お急ぎの場合は保証会社の担当支店へご連絡ください。"
        )
        self.until = until


class Suspended(DomainError):
    """Too many misses by this user (or its orderer): every lookup is refused until `until`."""

    def __init__(self, until: datetime):
        super().__init__(
            "入力の誤りが続いたため、しばらく確認を停止しています。"
            f"{until_text(until)}以降に、保証契約番号と認証キーを"
            "お確かめのうえ、もう一度お試しください。"
        )
        self.until = until


def open_certificate(user: User, number: str, key: str, address: str) -> GuaranteeContract:
    """電子証書の確認: the contract when the number and key open it for the user's orderer.

    Only the contract's own orderer's wrong keys count towards the contract's lock (Locked,
    told only to that orderer). Every other miss - unknown, malformed or paper number, another
    orderer's contract - is NotFound alike and counts towards the typist's own limit
    (Suspended, told only to them). A key of the own orderer's contract whose check
    character does not match is Mistyped and counts towards nothing.
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
    # One INSERT per attempt: the database writes its audit entry in the same statement
    # (trigger lookup_attempt_audit: action and detail by outcome, as record() would).
    db.session.add(attempt)
    keep_despite_refusal()  # a refused attempt is kept: it counts towards a lockout
    if suspended is not None:
        attempt.outcome = LookupOutcome.SUSPENDED
        raise Suspended(suspended)
    if not own:
        attempt.outcome = LookupOutcome.NOT_FOUND
        raise NotFound()
    if until is not None:
        attempt.outcome = LookupOutcome.LOCKED
        raise Locked(until)
    if not opens and typo_of_own_orderer(contract, key):
        attempt.outcome = LookupOutcome.MISTYPED
        raise Mistyped()
    if not opens:
        attempt.outcome = LookupOutcome.WRONG_KEY
        raise NotFound()
    attempt.outcome = LookupOutcome.OPENED
    return contract


def typo_of_own_orderer(contract: GuaranteeContract, typed: str) -> bool:
    """Whether a key that did not open the own orderer's contract is a slip of the hand: the
    contract's key carries a check character and the typed one's does not match. Asked only
    once the contract is found and is the typist's orderer's, so no one else learns which
    numbers exist or which keys are new; a slip counts towards no lock."""
    return key_mistyped(typed, contract.key_has_check)


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
        f"{until_text(until)}までのロックを解除",
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


def view_version(user: User, shown: ShownVersion) -> VersionConfirmation:
    """The orderer sees a visible version: the first view stamps 電子保証発行日時 on it; content
    corrected after that stamp (訂正, 変更取消) is recorded as seen again; later views, audited."""
    subject = f"{shown.contract.number} {shown.label}"
    if shown.confirmation is None and _stamp_first_view(user, shown.version):
        record(user, "certificate.first_viewed", shown.version, subject)
        tell_contractor_confirmed(user, shown.version)
    elif shown.corrected and shown.content.confirmation is None:
        record(user, "certificate.seen_again", shown.version, f"{subject}（内容更新後）")
    else:
        record(user, "certificate.viewed", shown.version, subject)
    if shown.corrected and shown.content.confirmation is None:
        _stamp_first_view(user, shown.content)  # when the current content first reached the orderer
    return shown.version.confirmation


def _stamp_first_view(user: User, version: CertificateVersion) -> bool:
    """Stamp the version's first view unless a simultaneous view did; True when this one did."""
    stamped = insert_once(
        VersionConfirmation,
        version_id=version.id,
        orderer_id=user.orderer_id,
        viewed_by_id=user.id,
        first_viewed_at=now(),
    )
    db.session.expire(version, ["confirmation"])
    return stamped


@dataclass(frozen=True)
class CheckedRow:
    """A row of 確認済み一覧: a checked contract, its last checked visible version, and what
    happened since in words (empty when nothing did)."""

    contract: GuaranteeContract
    version: ShownVersion
    flags: list[Standing | Flag]


def checked_by(user: User) -> list[CheckedRow]:
    """確認済み一覧: the orderer's checked contracts, each with its last checked visible version
    and flags: 変更あり, 解約, 期限満了, 認証キー再発行, 期限間近, and the gaps of a coverage
    watch."""
    contracts = db.session.scalars(
        select(GuaranteeContract)
        .where(
            GuaranteeContract.id.in_(
                select(CertificateVersion.contract_id)
                .join(VersionConfirmation)
                .where(VersionConfirmation.orderer_id == user.orderer_id)
            )
        )
        .order_by(GuaranteeContract.number)
    ).all()
    rows = []
    for contract in contracts:
        shown = contract.visible_versions
        checked = [v for v in shown if v.confirmation is not None]
        if checked:
            rows.append(CheckedRow(contract, checked[-1], _since(contract, checked, shown[-1])))
    return rows


def since_checked(contract: GuaranteeContract) -> list[Standing | Flag]:
    """The flags of 確認済み一覧 for one contract of the orderer's (none before its first
    check), for the pages that list contracts one by one, such as the 提出受付一覧."""
    shown = contract.visible_versions
    checked = [v for v in shown if v.confirmation is not None]
    return _since(contract, checked, shown[-1]) if checked else []


def _since(
    contract: GuaranteeContract, checked: list[ShownVersion], latest: ShownVersion
) -> list[Standing | Flag]:
    """What happened after the orderer's last check: the standing when it is not 有効 (or
    変更あり), and the flags (each with its `label` and `badge`)."""
    last = checked[-1]
    standing = contract.standing_on(today())
    flags: list[Standing | Flag] = [] if standing is Standing.ACTIVE else [standing]
    if standing is Standing.ACTIVE:
        if latest.seq > last.seq or last.content.confirmation is None:
            flags.append(Standing.CHANGED)
        last_check = max(v.confirmation.first_viewed_at for v in checked)
        if contract.key_issued_at is not None and contract.key_issued_at > last_check:
            flags.append(Flag("認証キー再発行"))
        if expires_soon(contract.guarantee_end, today()):
            flags.append(Flag("期限間近"))
    labels = {flag.label for flag in flags}
    flags.extend(Flag(gap.label) for gap in coverage_of(contract) if gap.label not in labels)
    return flags


def _contract_numbered(number: str | None) -> GuaranteeContract | None:
    if number is None:
        return None
    contract = db.session.scalar(
        select(GuaranteeContract)
        .where(GuaranteeContract.number == number)
        .options(joinedload(GuaranteeContract.application))
    )
    return contract if contract is not None and contract.is_electronic else None
