"""The orderer's check of a certificate: open it with number and key, stamp the first view."""

from datetime import datetime

from sqlalchemy import select

from domain.identifiers import normalise_contract_number
from domain.lifecycle import Standing
from domain.verification import LOCKOUT_WINDOW, locked_until
from extensions import db
from models import (
    CertificateVersion,
    GuaranteeContract,
    LookupAttempt,
    LookupOutcome,
    ShownVersion,
    User,
    VersionConfirmation,
)
from operations.audit import keep_despite_refusal, record
from operations.clock import now, today
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


def view_version(user: User, shown: ShownVersion) -> VersionConfirmation:
    """The orderer sees a visible version: the first view stamps 電子保証発行日時 on it; content
    corrected after that stamp (訂正, 変更取消) is recorded as seen again; later views, audited."""
    subject = f"{shown.contract.number} {shown.label}"
    if shown.confirmation is None and _stamp_first_view(user, shown.version):
        record(user, "certificate.first_viewed", shown.version, subject)
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


def checked_by(user: User) -> list[tuple[GuaranteeContract, ShownVersion, str | None]]:
    """確認済み一覧: the orderer's checked contracts, each with its last checked visible version
    and a word when it changed, was cancelled or expired since."""
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
            rows.append((contract, checked[-1], _since(contract, checked[-1], shown[-1])))
    return rows


def _since(contract: GuaranteeContract, checked: ShownVersion, latest: ShownVersion) -> str | None:
    """What happened after the orderer's last check, in a word; None when nothing did."""
    standing = contract.standing_on(today())
    if standing is not Standing.ACTIVE:
        return standing.label
    if latest.seq > checked.seq or checked.content.confirmation is None:
        return "変更あり"
    return None


def _contract_numbered(number: str | None) -> GuaranteeContract | None:
    if number is None:
        return None
    contract = db.session.scalar(
        select(GuaranteeContract).where(GuaranteeContract.number == number)
    )
    return contract if contract is not None and contract.is_electronic else None
