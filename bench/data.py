"""Data builders for benchmarks: many rows in seconds, through bulk INSERTs."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select

from domain.japan_time import jst_date
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


def add_issued_certificates(count: int, key: str) -> list[str]:
    """`count` issued 前払金保証 (電子保証) for 大仙市, all opened by `key`; their numbers."""
    from domain.chain import version_hash
    from models import CertificateVersion, ContractStatus, FeeRateEntry, GuaranteeContract
    from operations.keys import digest_of

    template = db.session.scalar(select(CertificateVersion).order_by(CertificateVersion.id))
    staff = db.session.scalar(select(User).where(User.login_id == "branch"))
    rate = db.session.scalar(select(FeeRateEntry).limit(1))
    digest, issued_at = digest_of(key), datetime(2026, 11, 24, tzinfo=UTC)
    first_id = (db.session.scalar(select(db.func.max(Application.id))) or 0) + 1
    # Requests and contracts take the ids after their tables' own, one per application.
    request_shift = (
        (db.session.scalar(select(db.func.max(GuaranteeRequest.id))) or 0) + 1 - first_id
    )
    contract_shift = (
        (db.session.scalar(select(db.func.max(GuaranteeContract.id))) or 0) + 1 - first_id
    )
    numbers = []
    for offset in range(0, count, CHUNK):
        ids = range(first_id + offset, first_id + min(offset + CHUNK, count))
        batch = [f"{staff.branch.code}-{500_000 + i + contract_shift:06d}" for i in ids]
        numbers += batch
        db.session.execute(
            insert(Application),
            [_application(i, template.contract.application.created_by, staff.branch_id,
                          template.contract.application.orderer_id, issued_at)
             | {"status": ApplicationStatus.ISSUED} for i in ids],
        )  # fmt: skip
        db.session.execute(
            insert(GuaranteeRequest), [_advance(i) | {"id": i + request_shift} for i in ids]
        )
        db.session.execute(
            insert(GuaranteeContract),
            [
                {
                    "id": i + contract_shift, "number": number, "application_id": i,
                    "guarantee_request_id": i + request_shift,
                    "branch_id": staff.branch_id, "kind": GuaranteeKind.ADVANCE,
                    "certificate_form": CertificateForm.ELECTRONIC, "amount": 4_000_000,
                    "guarantee_end": date(2027, 9, 30), "contract_price": 10_000_000,
                    "work_start": date(2026, 12, 1), "work_end": date(2027, 9, 30),
                    "fee_rate_entry_id": rate.id,
                    "annual_rate": rate.annual_rate, "minimum_fee": rate.minimum_fee,
                    "fee": 13_000, "issued_on": jst_date(issued_at), "issued_at": issued_at,
                    "issued_by_id": staff.id, "key_digest": digest, "key_ciphertext": None,
                    "key_issued_at": issued_at, "revision": 1, "status": ContractStatus.ACTIVE,
                }
                for i, number in zip(ids, batch, strict=True)
            ],
        )  # fmt: skip
        db.session.execute(
            insert(CertificateVersion),
            [
                {
                    "contract_id": i + contract_shift, "seq": 1, "kind": template.kind,
                    "label": "新規", "visible": True, "snapshot": snapshot,
                    "fee_difference": None, "reason": "", "issued_at": issued_at,
                    "issued_by_id": staff.id,
                    "chain_hash": version_hash(
                        contract_number=number, seq=1, kind=template.kind.value, label="新規",
                        issued_at=issued_at, fee_difference=None, reason="",
                        issued_by_id=staff.id, snapshot=snapshot, previous=None,
                    ),
                }
                for i, number in zip(ids, batch, strict=True)
                for snapshot in [template.snapshot | {"contract_number": number}]
            ],
        )  # fmt: skip
    db.session.commit()
    return numbers
