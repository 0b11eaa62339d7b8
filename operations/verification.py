"""The orderer's check of a certificate: open it with number and key, stamp the first view."""

from datetime import datetime

from sqlalchemy import func, select

from domain.identifiers import normalise_contract_number
from domain.verification import LOCKOUT_WINDOW, locked_until
from extensions import db
from models import (
    CertificateVersion,
    ContractStatus,
    GuaranteeContract,
    LookupAttempt,
    LookupOutcome,
    User,
    VersionConfirmation,
)
from operations.audit import keep_despite_refusal, record
from operations.clock import now
from operations.errors import DomainError
from operations.keys import key_opens
from operations.locks import insert_once

#: One answer for an unknown number, a wrong or revoked key and another orderer's certificate.
NOT_FOUND = (
    "保証契約番号または認証キーが正しくないか、確認できる保証証券がありません。"
    "入力内容をご確認ください。"
)


class NotFound(DomainError):
    """The same refusal whatever the reason, so it tells nothing about what exists."""

    def __init__(self):
        super().__init__(NOT_FOUND)


class Locked(DomainError):
    """Too many wrong keys for this contract: every try is refused until `until`."""

    def __init__(self, until: datetime):
        super().__init__(
            "認証キーの誤りが続いたため、この保証契約番号での確認を一時的に停止しています。"
            "しばらく時間をおいてから、もう一度お試しください。"
        )
        self.until = until


def open_certificate(user: User, number: str, key: str, address: str) -> GuaranteeContract:
    """電子証書の確認: the contract when the number and key open it for the user's orderer.

    Raises NotFound alike for every miss, and Locked once the contract's lockout applies (told
    only to its own orderer: to anyone else a locked contract stays "not found").
    """
    canonical = normalise_contract_number(number)
    contract = _contract_numbered(canonical)
    own = contract is not None and contract.application.orderer_id == user.orderer_id
    attempt = LookupAttempt(
        at=now(),
        user=user,
        orderer_id=user.orderer_id,
        contract_id=contract.id if contract else None,
        number=(canonical or number.strip())[:40],
        address=address[:45],
    )
    opens = key_opens(contract if own else None, key)  # always one digest, hit or miss
    until = lockout_until(contract) if own else None
    db.session.add(attempt)
    keep_despite_refusal()  # a refused attempt is kept: it counts towards the lockout
    if until is not None:
        attempt.outcome = LookupOutcome.LOCKED
        record(user, "certificate.lookup_locked", attempt)
        raise Locked(until)
    if not opens:
        attempt.outcome = LookupOutcome.WRONG_KEY if contract else LookupOutcome.NOT_FOUND
        record(user, "certificate.lookup_failed", attempt, attempt.outcome.label)
        raise NotFound()
    attempt.outcome = LookupOutcome.OPENED
    record(user, "certificate.lookup_opened", attempt, contract.number)
    return contract


def lockout_until(contract: GuaranteeContract) -> datetime | None:
    """When the contract's lockout ends; None when it is not locked."""
    at = now()
    failures = db.session.scalars(
        select(LookupAttempt.at).where(
            LookupAttempt.contract_id == contract.id,
            LookupAttempt.outcome == LookupOutcome.WRONG_KEY,
            LookupAttempt.at > at - 2 * LOCKOUT_WINDOW,
        )
    ).all()
    return locked_until(failures, at)


def view_version(user: User, version: CertificateVersion) -> VersionConfirmation:
    """The orderer sees a version: the first view stamps 電子保証発行日時; later, audited."""
    if version.confirmation is None and _stamp_first_view(user, version):
        record(
            user, "certificate.first_viewed", version, f"{version.contract.number} {version.label}"
        )
    else:
        record(user, "certificate.viewed", version, f"{version.contract.number} {version.label}")
    return version.confirmation


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
