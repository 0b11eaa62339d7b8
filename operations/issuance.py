"""Issuing the guarantees of an application: numbers, contracts, certificates, keys."""

from sqlalchemy import select

from clock import now, today
from domain.changes import VersionKind, version_label
from domain.identifiers import format_contract_number
from domain.kinds import CertificateForm
from domain.lifecycle import next_change_number
from extensions import db
from models import (
    Application,
    ApplicationStatus,
    Branch,
    BranchSerial,
    CertificateVersion,
    GuaranteeContract,
    Shipping,
    User,
)
from notifications import mails
from operations.applications import application_terms, problems_with
from operations.audit import record, record_mail
from operations.chain import chain_hash_of
from operations.errors import DomainError, StaleError
from operations.fees import QuoteLine, quote
from operations.keys import set_new_key
from operations.locks import insert_once, locked
from operations.review import lock_for_decision


def issue_guarantees(
    user: User, application: Application, revision: int | None
) -> list[GuaranteeContract]:
    """発行: one contract and its 新規 certificate per requested guarantee, in one go."""
    current = locked(Application, application.id)
    if current.is_reservation:
        raise DomainError("契約保証予約は「予約を発行する」から発行してください。")
    if current.status is ApplicationStatus.ISSUED:
        numbers = "、".join(c.number for c in contracts_of(current))
        raise DomainError(f"この申込の保証は発行済みです（{numbers}）。")
    application = lock_for_decision(current, revision)
    if problems_with(application_terms(application)):
        raise DomainError(
            "申込内容に規則に合わない項目があるため発行できません。内容を確認し、必要なら差戻してください。"
        )
    fees = quote(application, today())
    if fees.problems:
        raise DomainError(" ".join(fees.problems))
    contracts = [_issue_one(user, application, line) for line in fees.lines]
    application.status = ApplicationStatus.ISSUED
    application.updated_at = now()
    record(user, "application.issued", application, "、".join(c.number for c in contracts))
    mail = mails.guarantees_issued(application, contracts)
    record_mail(user, application, mail, _why_no_mail(application, contracts))
    return contracts


def mark_shipped(user: User, contract: GuaranteeContract, revision: int | None) -> None:
    """発送済: the paper certificate has been posted."""
    contract = locked(GuaranteeContract, contract.id)
    if revision != contract.revision:
        raise StaleError("保証契約")
    if contract.shipping is not Shipping.AWAITING:
        raise DomainError("発送待ちの紙の保証証書ではありません。")
    contract.shipping = Shipping.SHIPPED
    contract.shipped_at = now()
    record(user, "contract.shipped", contract)


def contracts_of(application: Application) -> list[GuaranteeContract]:
    return db.session.scalars(
        select(GuaranteeContract)
        .where(GuaranteeContract.application_id == application.id)
        .order_by(GuaranteeContract.id)
    ).all()


def allocate_number(branch: Branch) -> str:
    """The branch's next 保証契約番号."""
    return next_number(branch, BranchSerial, format_contract_number, "保証契約番号")


def next_number(branch: Branch, series, format_number, noun: str) -> str:
    """The next number of one of the branch's series (`series` is its counter model); the
    counter row stays locked until the commit, so two issuers never draw the same number."""
    insert_once(series, branch_id=branch.id, last_serial=0)
    counter = db.session.scalars(
        select(series)
        .where(series.branch_id == branch.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    counter.last_serial += 1
    try:
        return format_number(branch.code, counter.last_serial)
    except ValueError as error:
        raise DomainError(
            f"{branch.name}の{noun}を使い切りました。システム管理者に連絡してください。"
        ) from error


def add_version(
    user: User,
    contract: GuaranteeContract,
    kind: VersionKind,
    fee_difference: int | None = None,
    reason: str = "",
) -> CertificateVersion:
    """A new certificate version: a snapshot of the contract as it is now, chained to the
    contract's last version (the caller holds the contract's lock)."""
    versions = contract.versions
    label = version_label(kind, next_change_number((v.seq, v.kind) for v in versions))
    previous = versions[-1].chain_hash if versions else None
    version = CertificateVersion(
        contract=contract,
        seq=len(versions) + 1,
        kind=kind,
        label=label,
        visible=kind.visible,
        snapshot=certificate_snapshot(contract, label),
        fee_difference=fee_difference,
        reason=reason,
        issued_at=now(),
        issued_by=user,
        issued_by_id=user.id,
    )
    version.chain_hash = chain_hash_of(version, contract.number, previous)
    db.session.add(version)
    return version


def certificate_snapshot(contract: GuaranteeContract, label: str) -> dict:
    """Every field of the 保証証券, as plain JSON values."""
    application, branch = contract.application, contract.branch
    company, contractor = branch.company, application.contractor
    return {
        "version_label": label,
        "contract_number": contract.number,
        "kind": contract.kind.value,
        "kind_label": contract.kind.label,
        "certificate_form": contract.certificate_form.value,
        "contractor_name": contractor.name,
        "contractor_representative": contractor.representative,
        "contractor_address": contractor.address,
        "jv_name": application.jv_name,
        "orderer_name": application.orderer.name,
        "creditor_name": application.orderer.creditor_name,
        "amount": contract.amount,
        "guarantee_end": contract.guarantee_end.isoformat(),
        "work_name": application.work_name,
        "work_place": application.work_place,
        "contract_price": contract.contract_price,
        "work_start": contract.work_start.isoformat(),
        "work_end": contract.work_end.isoformat(),
        "contract_date": application.contract_date.isoformat(),
        "deposit_bank": contract.guarantee_request.deposit_bank,
        "issuer_name": company.name,
        "issuer_address": company.address,
        "issuer_representative": company.representative,
        "office_name": branch.name,
        "office_address": branch.address,
        "office_phone": branch.phone,
        "office_fax": branch.fax,
        "issued_on": contract.issued_on.isoformat(),
    }


def _issue_one(user: User, application: Application, line: QuoteLine) -> GuaranteeContract:
    guarantee, issued_at = line.guarantee, now()
    paper = guarantee.certificate_form is CertificateForm.PAPER
    contract = GuaranteeContract(
        number=allocate_number(application.branch),
        application=application,
        guarantee_request=guarantee,
        branch=application.branch,
        kind=guarantee.kind,
        certificate_form=guarantee.certificate_form,
        amount=guarantee.amount,
        guarantee_end=line.line.end,
        contract_price=application.contract_price,
        work_start=application.work_start,
        work_end=application.work_end,
        fee_rate_entry=line.entry,
        annual_rate=line.entry.annual_rate,
        minimum_fee=line.entry.minimum_fee,
        fee=line.line.fee,
        issued_on=line.line.start,
        issued_at=issued_at,
        issued_by=user,
        shipping=Shipping.AWAITING if paper else None,
    )
    db.session.add(contract)
    if not paper:
        set_new_key(contract)
    add_version(user, contract, VersionKind.NEW)
    record(
        user,
        "contract.issued",
        contract,
        f"{contract.kind.label} {contract.amount:,}円 保証料 {contract.fee:,}円",
    )
    return contract


def _why_no_mail(application: Application, contracts: list[GuaranteeContract]) -> str:
    if not any(c.is_electronic for c in contracts):
        return "紙の保証証書のみのため、電子保証発行完了のお知らせは送信していません。"
    if not application.notify_by_mail:
        return "電子保証発行完了のお知らせは「希望しない」のため送信していません。"
    return "申込にメールアドレスの登録がないため、お知らせメールは送信していません。"
