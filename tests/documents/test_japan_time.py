"""Every date people read is the Japanese one: at 01:43 in Japan it is still the day before in
UTC, and no PDF or mail may show that UTC day."""

import io
import re
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from clock import today
from domain.changes import RequestedChange, VersionKind
from domain.japan_time import jst_date, jst_text, to_jst
from domain.kinds import GuaranteeKind
from extensions import db
from models import ApplicationStatus, GuaranteeContract, OutboxMail
from operations.contract_changes import cancel_contract, change_contract, reissue_key
from operations.issuance import issue_guarantees
from operations.review import open_for_review, return_application
from tests.branch.conftest import application_named
from tests.builders import make_application, user

#: 2026-11-28 01:43 in Japan, still 2026-11-27 in UTC.
EARLY_MORNING = datetime(2026, 11, 27, 16, 43, tzinfo=UTC)


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_an_instant_reads_as_japan_time():
    assert to_jst(EARLY_MORNING).hour == 1
    assert jst_date(EARLY_MORNING).isoformat() == "2026-11-28"
    assert jst_text(EARLY_MORNING) == "2026/11/28 01:43"
    assert jst_text(datetime(2026, 11, 27, 16, 43)) == "2026/11/28 01:43"  # naive is UTC


@pytest.fixture
def early_morning(clock):
    clock.now = EARLY_MORNING
    return clock


def test_documents_and_mails_issued_at_01_43_jst_carry_the_japanese_date(
    app, client, login_as, world, early_morning
):
    branch = user("branch")
    sent = application_named("市道大曲中央線道路改良工事")
    other = make_application(status=ApplicationStatus.SUBMITTED, work_name="市道日付確認線工事")
    with app.test_request_context():
        assert today().isoformat() == "2026-11-28"
        open_for_review(branch, sent)
        issue_guarantees(branch, sent, sent.revision)
        db.session.commit()
        advance, guarantee = (
            db.session.scalar(
                select(GuaranteeContract).where(
                    GuaranteeContract.application_id == sent.id, GuaranteeContract.kind == kind
                )
            )
            for kind in (GuaranteeKind.ADVANCE, GuaranteeKind.CONTRACT)
        )
        increase = RequestedChange(
            VersionKind.INCREASE, new_amount=22_000_000, new_contract_price=60_000_000
        )
        change = change_contract(branch, advance, advance.revision, increase)
        reissue_key(branch, guarantee, guarantee.revision)
        db.session.flush()
        cancel_contract(branch, guarantee, guarantee.revision, "工事の中止")
        open_for_review(branch, other)
        return_application(branch, other, other.revision, "工期をご確認ください。")
        db.session.commit()
    assert advance.issued_on.isoformat() == "2026-11-28" and change.fee_difference > 0

    login_as("applicant")
    base = f"/applicant/contracts/{advance.id}"
    documents = {
        "認証キーのお知らせ": f"{base}/key-notice.pdf",
        "保証証券": f"{base}/versions/1/certificate.pdf",
        "保証証券（変更-1）": f"{base}/versions/{change.seq}/certificate.pdf",
        "追加保証料計算書": f"{base}/versions/{change.seq}/fee-difference.pdf",
        "保証料計算書": f"/applicant/applications/{sent.id}/fee-statement.pdf",
    }
    for name, url in documents.items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = _pdf_text(response.data)
        assert "令和8年11月28日" in text, name
        assert "11月27日" not in text, name

    mails = db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)).all()
    subjects = {mail.subject for mail in mails}
    assert {"電子保証（認証キー）発行完了のお知らせ", "【e-Surety】お申込みの差戻しのお知らせ",
            "【e-Surety】保証内容の変更のお知らせ", "【e-Surety】認証キー再発行のお知らせ",
            "【e-Surety】保証契約の解約のお知らせ"} <= subjects  # fmt: skip
    for mail in mails:
        for body in (mail.body_text, mail.body_html):
            assert "令和8年11月28日" in body, mail.subject
            assert "11月27日" not in body and "2026-11-27" not in body, mail.subject


def test_pages_show_the_time_of_day_in_japan(app, client, login_as, world, early_morning):
    branch = user("branch")
    sent = application_named("市道大曲中央線道路改良工事")
    with app.test_request_context():
        open_for_review(branch, sent)
        issue_guarantees(branch, sent, sent.revision)
        db.session.commit()
    login_as("branch")
    page = client.get(f"/branch/contracts/{sent.guarantees[0].contract.id}").text
    assert "2026/11/28 01:43" in page and "2026/11/27" not in page


def test_pages_write_dates_in_one_style_and_keep_iso_only_for_date_inputs(
    app, client, login_as, world, early_morning
):
    branch = user("branch")
    sent = application_named("市道大曲中央線道路改良工事")
    with app.test_request_context():
        open_for_review(branch, sent)
        issue_guarantees(branch, sent, sent.revision)
        db.session.commit()
    contract = sent.guarantees[0].contract
    login_as("branch")
    page = client.get(f"/branch/contracts/{contract.id}").text
    assert f"{contract.work_start:%Y/%m/%d} 〜 {contract.work_end:%Y/%m/%d}" in page
    assert f"（{contract.guarantee_end:%Y/%m/%d}）" in page and "2026/11/28" in page
    read = re.sub(r'(value|min|max)="[^"]*"|例：\d{4}-\d{2}-\d{2}', "", page)
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", read)
