"""Plain builders of valid test data: `make_…(**overrides)`, on top of the demo world.

Each builder gives a valid record (or payload) for 大仙市, 秋田支店 and 前払金保証 + 契約保証
as 電子保証, and lets a test override only what it is about.
"""

import re
import secrets
from datetime import date
from html.parser import HTMLParser

from hypothesis import settings
from sqlalchemy import func, select

from domain.application_rules import ApplicationTerms, GuaranteeTerms
from domain.kinds import CertificateForm, GuaranteeKind, PaymentMethod
from extensions import db
from models import (
    Application,
    ApplicationStatus,
    AuditEntry,
    Branch,
    GuaranteeContract,
    GuaranteeRequest,
    Orderer,
    Role,
    User,
)
from operations.applications import prepare_to_send, save_draft, submit_application


def orderer_id(name: str = "大仙市") -> int:
    return db.session.scalar(select(Orderer.id).where(Orderer.name == name))


def branch_id(name: str = "秋田支店") -> int:
    return db.session.scalar(select(Branch.id).where(Branch.name == name))


def user(login_id: str) -> User:
    return db.session.scalar(select(User).where(User.login_id == login_id))


def electronic_contract() -> GuaranteeContract:
    """The demo's first contract issued as 電子保証 (it has a 認証キー)."""
    return db.session.scalar(
        select(GuaranteeContract)
        .where(GuaranteeContract.key_digest.is_not(None))
        .order_by(GuaranteeContract.id)
        .limit(1)
    )


def make_branch_staff(login_id: str = "yokote", branch_name: str = "横手支店") -> User:
    """A member of staff of another branch than 秋田支店 (a stranger to the demo's records),
    with the demo password."""
    from operations.demo import DEMO_PASSWORD

    akita = db.session.get(Branch, branch_id())
    branch = Branch(
        company_id=akita.company_id, name=branch_name, code="10502", address="秋田県横手市",
        phone="0182-00-0001", fax="0182-00-0002", email="yokote@surety.example.jp",
    )  # fmt: skip
    staff = User(login_id=login_id, name="他店 三郎", role=Role.BRANCH, branch=branch,
                 email=f"{login_id}@demo.example.jp")  # fmt: skip
    staff.set_password(DEMO_PASSWORD)
    db.session.add_all([branch, staff])
    db.session.commit()
    return staff


def make_verifier(login_id: str, orderer: str = "秋田県") -> User:
    """Another member of an orderer's staff, with the demo password."""
    from operations.demo import DEMO_PASSWORD

    clerk = User(login_id=login_id, name=f"確認 {login_id}", role=Role.VERIFIER,
                 orderer_id=orderer_id(orderer), email=f"{login_id}@demo.example.jp")  # fmt: skip
    clerk.set_password(DEMO_PASSWORD)
    db.session.add(clerk)
    db.session.commit()
    return clerk


def application_form(**overrides) -> dict:
    """The Net Desk form as a browser posts it (申込確認へ); an override of None drops a key."""
    data = {
        "form_token": secrets.token_urlsafe(24),
        "revision": "",
        "orderer_id": str(orderer_id("大仙市")),
        "work_name": "市道テスト線道路改良工事",
        "work_place": "大仙市大曲地内",
        "contract_price": "50,000,000",
        "work_start": "2026-12-01",
        "work_end": "2027-09-30",
        "contract_date": "2026-11-20",
        "announcement_date": "2026-10-15",
        "nomination_date": "",
        "jv_name": "",
        "this_year_amount": "",
        "advance-requested": "y",
        "advance-certificate_form": "electronic",
        "advance-amount": "20,000,000",
        "advance-deposit_bank": "秋田中央銀行　大曲支店",
        "advance-uses_redeposit": "no",
        "advance-payment_method": "lump_sum",
        "advance-fee_payer": "",
        "advance-wants_fee_statement": "no",
        "contract-requested": "y",
        "contract-certificate_form": "electronic",
        "contract-amount": "5,000,000",
        "contract-payment_method": "lump_sum",
        "contract-fee_payer": "",
        "contract-wants_fee_statement": "no",
        "branch_id": str(branch_id("秋田支店")),
        "notify_by_mail": "yes",
        "notify_email": "soumu@example.co.jp",
        "contact_department": "工事部",
        "contact_title": "課長",
        "contact_name": "申込 花子",
        "contact_phone": "0187-00-0000",
        "message_to_branch": "",
        "action": "confirm",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_terms(**overrides) -> ApplicationTerms:
    """Valid application terms (大仙市, 50,000,000円, 前払金 4/10 and 契約 1/10, 電子保証)."""

    def guarantee(amount: int, bank: str = "") -> GuaranteeTerms:
        return GuaranteeTerms(
            certificate_form=CertificateForm.ELECTRONIC,
            amount=amount,
            deposit_bank=bank,
            payment_method=PaymentMethod.LUMP_SUM,
            wants_fee_statement=False,
        )

    values = {
        "orderer_id": orderer_id("大仙市"),
        "work_name": "市道テスト線道路改良工事",
        "work_place": "大仙市大曲地内",
        "contract_price": 50_000_000,
        "work_start": date(2026, 12, 1),
        "work_end": date(2027, 9, 30),
        "contract_date": date(2026, 11, 20),
        "announcement_date": date(2026, 10, 15),
        "guarantees": {
            GuaranteeKind.ADVANCE: guarantee(20_000_000, "秋田中央銀行　大曲支店"),
            GuaranteeKind.CONTRACT: guarantee(5_000_000),
        },
        "branch_id": branch_id("秋田支店"),
        "notify_by_mail": True,
        "notify_email": "soumu@example.co.jp",
        "contact_department": "工事部",
        "contact_name": "申込 花子",
        "contact_phone": "0187-00-0000",
    }
    values.update(overrides)
    return ApplicationTerms(**values)


def make_application(
    login_id: str = "applicant",
    status: ApplicationStatus = ApplicationStatus.DRAFT,
    message_from_branch: str = "",
    **overrides,
) -> Application:
    """An application saved through the operations, then committed (so requests see it).

    DRAFT and SUBMITTED are reached through the operations; the branch's states (審査中,
    差戻し, …) have no applicant operation, so they are set directly, as a test's arrange step.
    """
    applicant = user(login_id)
    token = secrets.token_urlsafe(24)
    if status is ApplicationStatus.DRAFT:
        application = save_draft(applicant, make_terms(**overrides), token)
    else:
        application = prepare_to_send(applicant, make_terms(**overrides), token)
        db.session.flush()
        submit_application(applicant, application, application.revision)
        if status is not ApplicationStatus.SUBMITTED:
            application.status = status
            application.message_from_branch = message_from_branch
    db.session.commit()
    return application


def row_counts() -> dict[str, int]:
    """How many applications, guarantee requests and audit entries exist: for 'nothing saved'."""
    return {
        model.__name__: db.session.scalar(select(func.count()).select_from(model))
        for model in (Application, GuaranteeRequest, AuditEntry)
    }


class _ElementText(HTMLParser):
    """Collects the text inside the element with a given id."""

    _VOID = frozenset({"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self, element_id: str):
        super().__init__()
        self.element_id, self.depth, self.found, self.parts = element_id, 0, False, []

    def handle_starttag(self, tag, attrs):
        if tag in self._VOID:
            return
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.element_id and not self.found:
            self.depth, self.found = 1, True

    def handle_endtag(self, tag):
        if self.depth and tag not in self._VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def text_of(html: str, element_id: str) -> str | None:
    """The text inside the element with this id (None when the page has no such element)."""
    parser = _ElementText(element_id)
    parser.feed(html)
    return " ".join(p.strip() for p in parser.parts if p.strip()) if parser.found else None


def errors_beside(html: str, field_id: str) -> str:
    """The messages shown beside a field: the text of its `#<id>-errors` container."""
    text = text_of(html, f"{field_id}-errors")
    assert text is not None, f"no #{field_id}-errors on the page"
    return text


def link_in(mail) -> str:
    """The one-time link of a queued mail, as a path on this site."""
    match = re.search(r"https?://[^/\s]+(/\S+)", mail.body_text)
    assert match, mail.body_text
    return match.group(1)


def examples(in_ci: int) -> int:
    """A property test's number of examples: `in_ci` in the derandomized CI profile, three
    times as many in the random local one (a wider search where a run costs nobody)."""
    return in_ci if settings.default.derandomize else 3 * in_ci


def ticked(form):
    """A rendered WebTest form of a decisive button with its confirmation box ticked."""
    form["confirmed"] = True
    return form


#: The work of the 契約保証予約 `reservation_values` applies for.
RESERVATION_WORK = "市道予約線道路改良工事"


def reservation_values(**overrides) -> dict:
    """A valid 契約保証予約 as a person fills its form (select fields by their text)."""
    values = {
        "orderer_id": "大仙市",
        "work_name": RESERVATION_WORK,
        "work_place": "大仙市大曲地内",
        "contract_price": "30,000,000",
        "work_start": "2026-12-01",
        "work_end": "2027-03-20",
        "announcement_date": "2026-11-10",
        "reserved_amount": "3,000,000",
        "branch_id": "秋田支店",
        "contact_name": "申込 花子",
        "contact_phone": "0187-63-0000",
    }
    return values | overrides


def fill_reservation(form, values: dict) -> None:
    """Fill the rendered 予約 form (WebTest) with `values`, choosing selects by their text."""
    for name, value in values.items():
        if name in ("orderer_id", "branch_id"):
            form[name].select(text=value)
        else:
            form[name] = value
