"""保証料計算書一覧: the company's 保証料計算書, 追加保証料計算書 and 保証料返還計算書, and the
予約手数料計算書 of its 契約保証予約, by 工事."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask import request, url_for
from sqlalchemy import select

from blueprints.applicant.forms import FeeStatementSearchForm
from blueprints.applicant.routes import bp, own_applications
from blueprints.paging import capped_page
from blueprints.refusals import render_form
from blueprints.search import contains
from documents.statements import issue_statement
from domain.japan_time import jst_date
from models import Application, GuaranteeContract, Reservation
from operations.documents import cancellation_refund
from operations.issuance import contracts_of

PER_PAGE = 20


@dataclass(frozen=True)
class StatementEntry:
    """One downloadable statement of the list."""

    title: str
    subject: str
    issued_on: date
    amount: int
    url: str
    #: A 予約手数料 carries consumption tax, shown apart (`amount` is then before tax).
    tax: int | None = None
    tax_rate: Decimal | None = None

    @property
    def total(self) -> int:
        return self.amount + (self.tax or 0)


@bp.get("/fee-statements")
def fee_statements():
    """保証料計算書一覧: every statement of the company's issued guarantees, searchable by
    工事名 or 保証契約番号, newest 工事 first."""
    form = FeeStatementSearchForm(formdata=request.args)
    valid = form.validate()
    issued = select(GuaranteeContract.application_id)
    reserved = select(Reservation.application_id)
    statement = select(Application).where(
        own_applications(), Application.id.in_(issued) | Application.id.in_(reserved)
    )
    if valid and form.q.data:
        pattern = contains(form.q.data)
        statement = statement.where(
            Application.work_name.ilike(pattern, escape="\\")
            | Application.id.in_(issued.where(GuaranteeContract.number.ilike(pattern, escape="\\")))
            | Application.id.in_(reserved.where(Reservation.number.ilike(pattern, escape="\\")))
        )
    results = capped_page(
        statement.order_by(Application.updated_at.desc(), Application.id.desc()), PER_PAGE
    )
    entries = {application.id: _statements(application) for application in results.items}
    search = {"q": request.args["q"]} if request.args.get("q") else {}
    return render_form(
        "applicant/fee_statements.html", form, results=results, entries=entries, search=search
    )


def _statements(application: Application) -> list[StatementEntry]:
    """The application's 保証料計算書, then each guarantee's change and refund statements; a
    予約's 予約手数料計算書."""
    if application.is_reservation:
        reservation = application.reservation
        return [
            StatementEntry(
                "予約手数料計算書",
                reservation.number,
                reservation.issued_on,
                reservation.fee,
                url_for(".reservation_fee_statement", application_id=application.id),
                reservation.tax,
                reservation.tax_rate,
            )
        ]
    contracts = contracts_of(application)
    _, total = issue_statement(contracts)
    entries = [
        StatementEntry(
            "保証料計算書",
            "・".join(contract.number for contract in contracts),
            min(contract.issued_on for contract in contracts),
            total,
            url_for(".fee_statement_download", application_id=application.id),
        )
    ]
    for contract in contracts:
        for version in contract.visible_versions:
            if version.fee_statement_title is None:
                continue
            entries.append(
                StatementEntry(
                    version.fee_statement_title,
                    f"{contract.number}（{version.label}）",
                    jst_date(version.issued_at),
                    abs(version.fee_difference),
                    url_for(".fee_difference_download", contract_id=contract.id, seq=version.seq),
                )
            )
        refund = cancellation_refund(contract)
        if refund is not None:
            entries.append(
                StatementEntry(
                    "保証料返還計算書",
                    f"{contract.number}（解約）",
                    jst_date(contract.cancelled_at),
                    refund.amount,
                    url_for(".cancellation_refund_download", contract_id=contract.id),
                )
            )
    return entries
