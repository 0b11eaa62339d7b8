"""契約保証予約: issuing a 予約 with its own number series, its documents, and
「契約保証へ切替」 after the award."""

import secrets

from flask import current_app

from clock import now, today
from documents.pdf import render_pdf
from domain.kinds import ApplicationKind, GuaranteeKind
from domain.reservations import ReservationCharge, format_reservation_number, reservation_charge
from extensions import db
from models import (
    Application,
    ApplicationStatus,
    Branch,
    GuaranteeRequest,
    Reservation,
    ReservationSerial,
    User,
)
from operations.applications import application_terms, problems_with
from operations.audit import record
from operations.documents import stored_pdf
from operations.errors import DomainError
from operations.issuance import next_number
from operations.locks import locked
from operations.reservation_fees import fee_table_in_force
from operations.review import lock_for_decision

#: What 「契約保証へ切替」 copies from the 予約: the work's facts, the branch and the contact.
_CARRIED_OVER = (
    "orderer_id", "work_name", "work_place", "contract_price", "work_start", "work_end",
    "announcement_date", "nomination_date", "jv_name", "branch_id", "contact_department",
    "contact_title", "contact_name", "contact_phone",
)  # fmt: skip


def tax_rate():
    """The consumption tax rate in force (Config CONSUMPTION_TAX_RATE)."""
    return current_app.config["CONSUMPTION_TAX_RATE"]


def charge_of(application: Application) -> ReservationCharge | None:
    """The 予約手数料 the 予約 would cost if issued now; None without a 入札金額."""
    if not application.is_reservation or not application.contract_price:
        return None
    return charge_for(application.contract_price)


def charge_for(bid_price: int) -> ReservationCharge:
    """The 予約手数料 of a bid by the table in force, with the tax at the rate in force."""
    table = fee_table_in_force()
    return reservation_charge(bid_price, tax_rate(), table.bands, table.is_sample)


def issue_reservation(user: User, application: Application, revision: int | None) -> Reservation:
    """発行 of a 契約保証予約: a 予約番号 of the branch's own series, the 予約手数料 and tax."""
    current = locked(Application, application.id)
    if not current.is_reservation:
        raise DomainError("契約保証予約の申込ではありません。")
    if current.status is ApplicationStatus.ISSUED:
        raise DomainError(f"この契約保証予約は発行済みです（{current.reservation.number}）。")
    application = lock_for_decision(current, revision)
    if problems_with(application_terms(application)):
        raise DomainError(
            "申込内容に規則に合わない項目があるため発行できません。内容を確認し、必要なら差戻してください。"
        )
    charge = charge_for(application.contract_price)
    reservation = Reservation(
        number=_allocate_number(application.branch),
        application=application,
        branch=application.branch,
        amount=application.reserved_amount,
        bid_price=application.contract_price,
        fee=charge.fee,
        tax_rate=charge.tax_rate,
        tax=charge.tax,
        fee_is_sample=charge.is_sample,
        issued_on=today(),
        issued_at=now(),
        issued_by=user,
    )
    db.session.add(reservation)
    application.status = ApplicationStatus.ISSUED
    application.updated_at = now()
    record(
        user,
        "reservation.issued",
        application,
        f"{reservation.number} 予約保証金額 {reservation.amount:,}円 "
        f"予約手数料 {reservation.fee:,}円（消費税 {reservation.tax:,}円）",
    )
    return reservation


def convert_to_contract_guarantee(user: User, application: Application) -> Application:
    """「契約保証へ切替」: a new 契約保証 draft with the 予約's work facts and amount, linked to
    it; pressed again, the same draft."""
    reservation_application = locked(Application, application.id)
    if not reservation_application.is_reservation or reservation_application.reservation is None:
        raise DomainError("発行済みの契約保証予約だけが契約保証へ切替できます。")
    if reservation_application.converted_to is not None:
        return reservation_application.converted_to
    orderer = reservation_application.orderer
    if orderer is not None and not orderer.is_active:
        raise DomainError(
            f"{orderer.name}は現在お取り扱いしていないため、契約保証へ切替できません。"
        )
    converted = Application(
        contractor_id=reservation_application.contractor_id,
        created_by=user,
        kind=ApplicationKind.GUARANTEE,
        status=ApplicationStatus.DRAFT,
        form_token=secrets.token_urlsafe(24),
        converted_from=reservation_application,
        **{name: getattr(reservation_application, name) for name in _CARRIED_OVER},
    )
    converted.guarantees.append(
        GuaranteeRequest(
            kind=GuaranteeKind.CONTRACT,
            kind_order=list(GuaranteeKind).index(GuaranteeKind.CONTRACT),
            amount=reservation_application.reservation.amount,
        )
    )
    db.session.add(converted)
    record(
        user,
        "reservation.converted",
        reservation_application,
        f"契約保証へ切替（予約番号 {reservation_application.reservation.number}）",
    )
    record(user, "application.saved", converted, f"申込 {reservation_application.number} から切替")
    return converted


def reservation_certificate_pdf(reservation: Reservation) -> bytes:
    """契約保証予約証書 (paper): rendered once and kept."""
    return stored_pdf(
        f"reservation-certificate/{reservation.id}",
        lambda: render_pdf("pdf/reservation_certificate.html", reservation=reservation),
    )


def reservation_fee_statement_pdf(reservation: Reservation) -> bytes:
    """予約手数料計算書: the fee, the consumption tax shown separately, the total; kept."""
    return stored_pdf(
        f"reservation-fee/{reservation.id}",
        lambda: render_pdf("pdf/reservation_fee_statement.html", reservation=reservation),
    )


def _allocate_number(branch: Branch) -> str:
    """The branch's next 予約番号."""
    return next_number(branch, ReservationSerial, format_reservation_number, "予約番号")
