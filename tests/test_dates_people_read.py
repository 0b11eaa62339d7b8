"""Dates people read are YYYY/MM/DD (the day in Japan of an instant): messages, mails and the
audit trail; ISO stays where machines read it (snapshots, CSV, the API, the seal log)."""

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from domain.japan_time import day_text, jst_text
from extensions import db
from models import Application, AuditEntry, GuaranteeContract, OutboxMail
from operations.daily_jobs import run_due_daily_jobs
from tests.builders import errors_beside, ticked

ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
ROOT = Path(__file__).resolve().parent.parent

#: The only places that write a date with isoformat(): read by machines, never by people.
MACHINE_READ = {
    "domain/wareki.py",  # a programming error's text, never shown
    "operations/issuance.py",  # the version snapshot (hashed into the chain)
    "operations/bulk_checks.py",  # the 一括確認 result CSV
    "documents/checked_list.py",  # the 確認済み一覧 CSV
    "blueprints/verifier/routes.py",  # a grant's expiry kept in the session
    "models/seals.py",  # the seal log's canonical JSON line
}


def test_a_date_and_an_instant_read_as_people_write_them():
    assert day_text(date(2027, 9, 30)) == "2027/09/30"
    late_evening_utc = datetime(2026, 11, 27, 16, 43, tzinfo=UTC)  # 01:43 on the 28th in Japan
    assert day_text(late_evening_utc) == "2026/11/28"
    assert jst_text(late_evening_utc) == "2026/11/28 01:43"


def test_no_date_is_written_in_iso_form_outside_what_machines_read():
    writers = [
        path
        for folder in ("domain", "operations", "notifications", "documents", "blueprints", "models")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if ".isoformat()" in path.read_text(encoding="utf-8")
    ]
    found = {str(path.relative_to(ROOT)) for path in writers}
    assert found <= MACHINE_READ, found - MACHINE_READ
    templates = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "templates").rglob("*.*"))
        if "isoformat" in path.read_text(encoding="utf-8")
    ]
    assert templates == []


@pytest.mark.rendered_form("branch.change")
def test_messages_mails_and_the_audit_trail_carry_no_iso_date(web, world, clock):
    sent = db.session.scalar(
        select(Application).where(Application.work_name == "市道大曲中央線道路改良工事")
    )
    web.log_in("branch")
    ticked(web.get(f"/branch/applications/{sent.id}").forms["issue"]).submit(status=303)
    advance = db.session.scalar(
        select(GuaranteeContract)
        .where(GuaranteeContract.application_id == sent.id)
        .order_by(GuaranteeContract.id)
    )

    form = web.get(f"/branch/contracts/{advance.id}").forms["change"]
    form["kind"], form["new_end"] = "extension", "2027-10-31"
    refused = form.submit(status=422)
    assert "工期の完成日（2027/09/30）以前" in errors_beside(refused.text, "new_end")
    assert not ISO_DATE.search(errors_beside(refused.text, "new_end"))

    form = web.get(f"/branch/contracts/{advance.id}").forms["change"]
    form["kind"], form["new_end"], form["new_work_end"] = "extension", "2027/10/31", "2027-10-31"
    form.submit(status=303)
    db.session.refresh(advance)
    assert advance.guarantee_end == date(2027, 10, 31)

    clock.now += timedelta(days=1)  # the daily pass seals the day: its mail, its audit entry
    assert "seal" in run_due_daily_jobs()
    db.session.commit()

    details = db.session.scalars(select(AuditEntry.detail).order_by(AuditEntry.id)).all()
    assert any("2027/10/31" in detail for detail in details)
    assert [detail for detail in details if ISO_DATE.search(detail)] == []
    mails = db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)).all()
    assert any("保証期限：2027/10/31" in mail.body_text for mail in mails)
    for mail in mails:
        # The seal mail's log lines are the seal log's canonical JSON, kept to compare.
        read = [line for line in mail.body_text.splitlines() if not line.startswith("{")]
        assert not ISO_DATE.search(mail.subject), mail.subject
        assert not ISO_DATE.search("\n".join(read)), mail.body_text
        assert not ISO_DATE.search(mail.body_html), mail.body_html
