"""Notices by mail: to the orderer's contract mailbox when a guarantee it checked changes or
stops covering what it kept, and to the contractor when the orderer first opens a version.

Each kind can be switched off by the orderer or the company; the mails carry neither a key
nor a link (see notifications/mails.py).
"""

from datetime import date

from sqlalchemy import delete, exists, select

from clock import now
from domain.japan_time import day_text
from domain.notices import (
    CONTRACTOR_NOTICES,
    EXPIRY_NOTICE,
    ORDERER_NOTICES,
    NoticeKind,
)
from domain.verification import CertificateFacts, Gap, KeptRecord, coverage_gaps
from extensions import db
from models import (
    CertificateVersion,
    Contractor,
    ContractStatus,
    CoverageWatch,
    GuaranteeContract,
    NoticeOptOut,
    Orderer,
    OrdererNotice,
    User,
    VersionConfirmation,
)
from notifications import mails
from operations.audit import record, record_mail
from operations.daily_jobs import daily_job
from operations.errors import DomainError
from operations.locks import insert_once

_COVERAGE = "coverage:"


def notices_on(owner: Orderer | Contractor) -> set[NoticeKind]:
    """The kinds of notice the orderer or company has not switched off."""
    kinds = ORDERER_NOTICES if isinstance(owner, Orderer) else CONTRACTOR_NOTICES
    return set(kinds) - _switched_off(owner)


def set_notices(user: User, owner: Orderer | Contractor, wanted: set[NoticeKind]) -> None:
    """Switch the owner's kinds of notice on (those in `wanted`) and off (the others)."""
    is_orderer = isinstance(owner, Orderer)
    column = NoticeOptOut.orderer_id if is_orderer else NoticeOptOut.contractor_id
    kinds = ORDERER_NOTICES if is_orderer else CONTRACTOR_NOTICES
    db.session.execute(delete(NoticeOptOut).where(column == owner.id))
    for kind in kinds:
        if kind not in wanted:
            owner_id = {"orderer_id" if is_orderer else "contractor_id": owner.id}
            db.session.add(NoticeOptOut(kind=kind.value, **owner_id))
    off = [kind.label for kind in kinds if kind not in wanted]
    record(user, "notices.set", owner, "停止：" + ("、".join(off) if off else "なし"))


def _switched_off(owner: Orderer | Contractor) -> set[NoticeKind]:
    column = NoticeOptOut.orderer_id if isinstance(owner, Orderer) else NoticeOptOut.contractor_id
    return {
        NoticeKind(kind)
        for kind in db.session.scalars(select(NoticeOptOut.kind).where(column == owner.id))
    }


def checked_by_its_orderer(contract: GuaranteeContract) -> bool:
    """The contract's orderer has opened one of its versions (its notices are wanted)."""
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    VersionConfirmation.version_id == CertificateVersion.id,
                    CertificateVersion.contract_id == contract.id,
                    VersionConfirmation.orderer_id == contract.application.orderer_id,
                )
            )
        )
    )


def tell_orderer_changed(
    actor: User, contract: GuaranteeContract, version: CertificateVersion
) -> None:
    """A new visible 変更-N (a hidden 訂正 or 変更取消 is not news), then what it leaves
    uncovered."""
    if version.visible:
        _tell_orderer(actor, contract, NoticeKind.CHANGED, version=version)
    watch_coverage(actor, contract)


def tell_orderer_cancelled(actor: User, contract: GuaranteeContract) -> None:
    """解約: the orderer is told once; a watch counts it as its 解約 gap, already told."""
    _tell_orderer(actor, contract, NoticeKind.CANCELLED)
    watch_coverage(actor, contract)


def tell_orderer_key_reissued(actor: User, contract: GuaranteeContract) -> None:
    """The orderer will receive a new 認証キー from the contractor; the old one no longer opens."""
    _tell_orderer(actor, contract, NoticeKind.KEY_REISSUED)


def _tell_orderer(actor, contract: GuaranteeContract, kind: NoticeKind, **context) -> bool:
    """Queue notice `kind` to the orderer's mailbox when it checked the contract and wants it."""
    orderer = contract.application.orderer
    if not checked_by_its_orderer(contract) or kind not in notices_on(orderer):
        return False
    mail = mails.orderer_notice(orderer, contract, kind, **context)
    record_mail(actor, contract, mail, "発注者の通知先メールアドレスなし")
    return mail is not None


def watch_coverage(actor, contract: GuaranteeContract) -> None:
    """Tell the orderer, once per cause, what its kept values are no longer covered by."""
    gaps = coverage_of(contract)
    fresh = {
        gap: message
        for gap, message in gaps.items()
        if insert_once(
            OrdererNotice, contract_id=contract.id, cause=_COVERAGE + gap.value, told_at=now()
        )
    }
    fresh.pop(Gap.CANCELLED, None)  # told by the 解約 notice itself
    if fresh:
        _tell_orderer(actor, contract, NoticeKind.COVERAGE, gaps=list(fresh.values()))


def coverage_of(contract: GuaranteeContract) -> dict[Gap, str]:
    """What the guarantee no longer covers of the orderer's kept values (none without a watch)."""
    watch = contract.coverage_watch
    if watch is None:
        return {}
    return coverage_gaps(
        current_facts(contract),
        KeptRecord(watch.work_end, watch.contract_price, watch.amount_then),
        contract.is_cancelled,
        contract.application.orderer.contract_min_ratio,
    )


def current_facts(contract: GuaranteeContract) -> CertificateFacts:
    return CertificateFacts(
        kind=contract.kind,
        work_name=contract.application.work_name,
        contract_price=contract.contract_price,
        work_start=contract.work_start,
        work_end=contract.work_end,
        amount=contract.amount,
        expiry=contract.guarantee_end,
    )


def keep_watch(
    user: User, contract: GuaranteeContract, work_end: date | None, contract_price: int | None
) -> CoverageWatch:
    """この値を保存して監視する: keep the orderer's 工期 end and 請負金額 on a contract it checked.

    Gaps the kept values already show were on the clerk's screen: they count as told.
    """
    if work_end is None and contract_price is None:
        raise DomainError(
            "監視する値がありません。",
            {"work_end": "保存して監視するには、工期（完成日）か請負金額を入力してください。"},
        )
    watch = contract.coverage_watch or CoverageWatch(contract=contract)
    watch.work_end, watch.contract_price = work_end, contract_price
    watch.amount_then, watch.kept_by, watch.kept_at = contract.amount, user, now()
    db.session.add(watch)
    db.session.flush()
    db.session.execute(
        delete(OrdererNotice).where(
            OrdererNotice.contract_id == contract.id, OrdererNotice.cause.startswith(_COVERAGE)
        )
    )
    for gap in coverage_of(contract):
        db.session.add(
            OrdererNotice(contract_id=contract.id, cause=_COVERAGE + gap.value, told_at=now())
        )
    record(
        user,
        "coverage.kept",
        contract,
        f"工期（完成日）{day_text(work_end) if work_end else '未入力'}、"
        f"請負金額 {f'{contract_price:,}円' if contract_price is not None else '未入力'}",
    )
    return watch


@daily_job("expiry_notices")
def tell_orderers_of_expiry(day: date) -> None:
    """期限間近: once per contract, 30 days before the 保証期限 of a guarantee its orderer
    checked."""
    contracts = db.session.scalars(
        select(GuaranteeContract).where(
            GuaranteeContract.status == ContractStatus.ACTIVE,
            GuaranteeContract.guarantee_end.between(day, day + EXPIRY_NOTICE),  # expires_soon
            ~exists().where(
                OrdererNotice.contract_id == GuaranteeContract.id,
                OrdererNotice.cause == NoticeKind.EXPIRING.value,
            ),
        )
    ).all()
    for contract in contracts:
        if not checked_by_its_orderer(contract):
            continue
        if _tell_orderer(None, contract, NoticeKind.EXPIRING):
            db.session.add(
                OrdererNotice(
                    contract_id=contract.id, cause=NoticeKind.EXPIRING.value, told_at=now()
                )
            )


def tell_contractor_confirmed(viewer: User, version: CertificateVersion) -> None:
    """確認のお知らせ: the orderer first opened this version (電子保証発行日時), so the
    前払金請求 can go ahead; to the application's address, else the company's admins."""
    application = version.contract.application
    contractor = application.contractor
    if NoticeKind.CONFIRMED not in notices_on(contractor):
        return
    if application.notify_email:
        addresses = [application.notify_email]
    else:
        addresses = db.session.scalars(
            select(User.email).where(
                User.contractor_id == contractor.id,
                User.is_company_admin,
                User.is_active,
                User.email != "",
            )
        ).all()
    for address in addresses:
        record_mail(viewer, version.contract, mails.certificate_confirmed(address, version))
    if not addresses:
        record(viewer, "mail.not_sent", version.contract, "受注者の通知先メールアドレスなし")
