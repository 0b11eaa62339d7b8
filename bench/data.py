"""Data builders for benchmarks: many rows in seconds, through bulk INSERTs."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select

from domain.kinds import CertificateForm, GuaranteeKind, PaymentMethod
from extensions import db
from models import Application, ApplicationStatus, Branch, GuaranteeRequest, User

CHUNK = 5_000


def add_sent_applications(count: int) -> None:
    """`count` applications sent by `applicant` to 秋田支店, each asking 前払金保証."""
    applicant = db.session.scalar(select(User).where(User.login_id == "applicant"))
    branch_id = db.session.scalar(select(Branch.id).where(Branch.name == "秋田支店"))
    orderer_id = db.session.scalar(
        select(Application.orderer_id).where(Application.orderer_id.is_not(None)).limit(1)
    )
    first_id = (db.session.scalar(select(db.func.max(Application.id))) or 0) + 1
    start = datetime(2026, 4, 1, tzinfo=UTC)
    for offset in range(0, count, CHUNK):
        ids = range(first_id + offset, first_id + min(offset + CHUNK, count))
        db.session.execute(
            insert(Application),
            [_application(i, applicant, branch_id, orderer_id, start) for i in ids],
        )
        db.session.execute(insert(GuaranteeRequest), [_advance(i) for i in ids])
    db.session.commit()


def _application(i: int, applicant: User, branch_id: int, orderer_id: int, start: datetime):
    moment = start + timedelta(minutes=i)
    return {
        "id": i,
        "contractor_id": applicant.contractor_id,
        "created_by_id": applicant.id,
        "status": ApplicationStatus.SUBMITTED,
        "form_token": f"bench-application-{i:09d}",
        "revision": 2,
        "orderer_id": orderer_id,
        "work_name": f"ベンチマーク用工事 第{i}号",
        "work_place": "大仙市内",
        "contract_price": 10_000_000 + i,
        "work_start": date(2026, 12, 1),
        "work_end": date(2027, 9, 30),
        "contract_date": date(2026, 11, 20),
        "announcement_date": date(2026, 10, 15),
        "jv_name": "",
        "branch_id": branch_id,
        "notify_by_mail": False,
        "notify_email": "",
        "contact_department": "",
        "contact_title": "",
        "contact_name": "申込 花子",
        "contact_phone": "0187-00-0000",
        "message_to_branch": "",
        "message_from_branch": "",
        "created_at": moment,
        "updated_at": moment,
        "submitted_at": moment,
    }


def _advance(i: int):
    return {
        "application_id": i,
        "kind": GuaranteeKind.ADVANCE,
        "kind_order": 0,
        "certificate_form": CertificateForm.ELECTRONIC,
        "amount": 4_000_000,
        "deposit_bank": "秋田中央銀行　大曲支店",
        "uses_redeposit": False,
        "payment_method": PaymentMethod.LUMP_SUM,
        "fee_payer": "",
        "wants_fee_statement": False,
    }
