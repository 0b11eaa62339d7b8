"""Tamper evidence (issue 13 §2): the version chain of each contract, the daily seals in the
seal log and head office's mailbox, `flask verify-chain`, 改ざん検知 and 版の指紋.

The attacks are an insider's: SQL run on the database behind the service's back."""

import io
import json
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text

from domain.chain import version_hash
from domain.changes import RequestedChange, VersionKind
from domain.kinds import GuaranteeKind
from extensions import db
from models import Application, AuditEntry, CertificateVersion, DailySeal, GuaranteeContract
from notifications.outbox import send_due
from operations.contract_changes import change_contract
from operations.daily_jobs import run_due_daily_jobs
from operations.keys import reveal_key
from operations.seals import latest_seal
from tests.builders import user

ISSUED_WORK = "大仙市サンプル地区排水路整備工事"


@pytest.fixture(autouse=True)
def fixed_time(clock):
    """The demo world is made at the clock's time: 2026-11-25 09:00 in Japan."""
    return clock


@pytest.fixture
def contract(world) -> GuaranteeContract:
    """The demo's issued advance guarantee (電子保証), issued at the clock's time (2026-11-25)."""
    return db.session.scalar(
        select(GuaranteeContract)
        .join(Application)
        .where(
            Application.work_name == ISSUED_WORK, GuaranteeContract.kind == GuaranteeKind.ADVANCE
        )
    )


@pytest.fixture
def changed(contract) -> GuaranteeContract:
    """The same contract after a 減額: its chain has two versions, 新規 and 変更-1."""
    change = RequestedChange(VersionKind.DECREASE, new_amount=9_000_000)
    change_contract(user("branch"), contract, contract.revision, change)
    db.session.commit()
    return contract


def _sealed_next_day(clock) -> None:
    """A day later (09:00 in Japan) the worker's daily pass seals the day before."""
    clock.now += timedelta(days=1)
    assert "seal" in run_due_daily_jobs()


def _verify(runner) -> tuple[int, str]:
    result = runner.invoke(args=["verify-chain"])
    return result.exit_code, result.output


def _sql(statement: str, **params) -> None:
    """An insider's UPDATE, straight to the database (no operation, no model events)."""
    db.session.execute(text(statement), params)
    db.session.commit()
    db.session.expire_all()


def _set_snapshot(version_id: int, snapshot: dict) -> None:
    value = "CAST(:snapshot AS JSON)" if db.engine.dialect.name == "postgresql" else ":snapshot"
    _sql(
        f"UPDATE certificate_version SET snapshot = {value} WHERE id = :id",  # noqa: S608
        snapshot=json.dumps(snapshot, ensure_ascii=False),
        id=version_id,
    )


def _rechain(contract: GuaranteeContract) -> None:
    """What a careful insider does next: recompute every hash of the chain and write them."""
    rows = db.session.execute(
        text(
            "SELECT id, seq, kind, label, issued_at, fee_difference, reason, issued_by_id,"
            " snapshot FROM certificate_version WHERE contract_id = :id ORDER BY seq"
        ),
        {"id": contract.id},
    ).all()
    versions = {v.id: v for v in contract.versions}
    previous = None
    for row in rows:
        version = versions[row.id]  # typed values (the raw row is the same data)
        previous = version_hash(
            contract_number=contract.number, seq=row.seq, kind=version.kind.value,
            label=row.label, issued_at=version.issued_at, fee_difference=row.fee_difference,
            reason=row.reason, issued_by_id=row.issued_by_id, snapshot=version.snapshot,
            previous=previous,
        )  # fmt: skip
        _sql("UPDATE certificate_version SET chain_hash = :h WHERE id = :id", h=previous, id=row.id)


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


# --- verify-chain ---


def test_verify_chain_holds_on_the_demo_data(runner, changed, clock, seal_log):
    status, output = _verify(runner)
    assert status == 0, output
    assert "版の鎖: 保証契約 2件・版 3件 — 正常" in output
    assert "日次封印: まだありません" in output
    _sealed_next_day(clock)
    status, output = _verify(runner)
    assert status == 0, output
    assert "日次封印: 1日分" in output and f"封印ファイル {seal_log} と一致" in output


def test_a_snapshot_edited_behind_the_apps_back_breaks_the_chain(runner, changed, login_as):
    first = changed.versions[0]
    _set_snapshot(first.id, {**first.snapshot, "amount": 90_000_000})

    status, output = _verify(runner)
    assert status == 1
    assert f"版の鎖: 保証契約 {changed.number} の 新規 が発行後に書き換えられています" in output


def test_an_edit_with_the_chain_recomputed_after_it_differs_from_the_published_root(
    runner, changed, clock, seal_log
):
    _sealed_next_day(clock)  # 2026-11-25 sealed: the seal log holds its root
    published = json.loads(seal_log.read_text())["root"]
    first = changed.versions[0]
    _set_snapshot(first.id, {**first.snapshot, "amount": 90_000_000})
    _rechain(changed)
    # …and the seal row too, so that the database agrees with itself.
    recomputed = _recomputed_root("2026-11-25")
    _sql("UPDATE daily_seal SET root = :root", root=recomputed)

    status, output = _verify(runner)
    assert status == 1
    assert "版の鎖: 保証契約 2件・版 3件 — 正常" in output  # the chain alone is consistent
    assert (
        f"日次封印: 2026/11/25 の封印が一致しません（封印ファイル: {published[:16]}、"
        f"再計算: {recomputed[:16]}）" in output
    )


def _recomputed_root(day: str) -> str:
    from datetime import date

    from operations.seals import day_root

    return day_root(date.fromisoformat(day)).root


def test_an_audit_entry_edited_after_sealing_is_reported_with_its_day(runner, changed, clock):
    _sealed_next_day(clock)
    entry = db.session.scalar(
        select(AuditEntry)
        .where(AuditEntry.action == "contract.issued")
        .order_by(AuditEntry.id)
        .limit(1)
    )
    _sql("UPDATE audit_entry SET detail = 'なし' WHERE id = :id", id=entry.id)

    status, output = _verify(runner)
    assert status == 1
    assert "日次封印: 2026/11/25 の封印が一致しません" in output


def test_a_deleted_audit_entry_is_reported_too(runner, changed, clock):
    _sealed_next_day(clock)
    _sql("DELETE FROM audit_entry WHERE action = 'mail.queued'")
    status, output = _verify(runner)
    assert status == 1 and "2026/11/25 の封印が一致しません" in output


def test_a_seal_line_removed_from_the_seal_log_is_reported(runner, changed, clock, seal_log):
    _sealed_next_day(clock)
    seal_log.write_text("")
    status, output = _verify(runner)
    assert status == 1 and "2026/11/25 の封印が封印ファイルにありません" in output


def test_a_missing_seal_log_is_reported(runner, changed, clock, seal_log):
    _sealed_next_day(clock)
    seal_log.unlink()
    status, output = _verify(runner)
    assert status == 1 and f"封印ファイル {seal_log} がありません" in output


# --- the daily seal ---


def test_the_daily_pass_seals_each_day_once_and_appends_one_line_per_day(changed, clock, seal_log):
    _sealed_next_day(clock)
    assert run_due_daily_jobs() == []  # the same day again: nothing more
    lines = seal_log.read_text().splitlines()
    assert len(lines) == 1
    line = json.loads(lines[0])
    seal = db.session.scalar(select(DailySeal))
    assert (line["day"], line["root"]) == ("2026-11-25", seal.root)
    assert line["chain_heads"] == 2 and line["audit_entries"] == seal.audit_count > 0

    _sealed_next_day(clock)
    lines = seal_log.read_text().splitlines()
    assert [json.loads(line)["day"] for line in lines] == ["2026-11-25", "2026-11-26"]
    assert json.loads(lines[1])["chain_heads"] == 0  # nothing issued that day


def test_the_seal_is_mailed_to_head_office_without_a_key_or_a_link(
    app, changed, clock, smtp_server, monkeypatch
):
    monkeypatch.setitem(app.config, "HEAD_OFFICE_EMAIL", "kansa@surety.example.jp")
    _sealed_next_day(clock)
    send_due()
    (message,) = [m for m in smtp_server.messages if "日次封印" in m["Subject"]]
    body = message.get_body(("plain",)).get_content()
    seal = latest_seal()
    assert message["To"] == "kansa@surety.example.jp"
    assert "日次封印" in message["Subject"]
    assert seal.root in body and seal.log_line in body
    assert "http" not in body and reveal_key(changed) not in body


def test_without_a_configured_address_the_seal_goes_to_the_head_office_branch(
    changed, clock, smtp_server
):
    _sealed_next_day(clock)
    send_due()
    (message,) = [m for m in smtp_server.messages if "日次封印" in m["Subject"]]
    assert message["To"] == "honten@surety.example.jp"


# --- what people see ---


def test_the_branch_contract_page_shows_the_chain_intact_then_the_break(client, login_as, changed):
    login_as("branch")
    page = client.get(f"/branch/contracts/{changed.id}").text
    assert "改ざん検知: 正常" in page

    second = changed.versions[1]
    _set_snapshot(second.id, {**second.snapshot, "amount": 1})
    page = client.get(f"/branch/contracts/{changed.id}").text
    assert "改ざん検知: 正常" not in page
    assert "改ざん検知: 変更-1" in page and "書き換えられています" in page


def test_every_party_sees_the_versions_fingerprint_on_the_certificate(
    app, client, login_as, post, contract
):
    fingerprint = contract.versions[0].fingerprint
    assert len(fingerprint) == 19  # 16 hex digits in four groups
    login_as("branch")
    assert (
        f"版の指紋: {fingerprint}" in client.get(f"/branch/contracts/{contract.id}/versions/1").text
    )
    login_as("applicant")
    assert (
        f"版の指紋: {fingerprint}"
        in client.get(f"/applicant/contracts/{contract.id}/versions/1").text
    )
    with app.test_request_context():
        key = reveal_key(contract)
    login_as("verifier")
    opened = post("/verifier/", {"number": contract.number, "key": key})
    page = client.get(opened.headers["Location"]).text
    assert f"版の指紋: {fingerprint}" in page


def test_the_pdf_carries_the_fingerprint_and_the_latest_seal(client, login_as, contract, clock):
    _sealed_next_day(clock)
    seal = latest_seal()
    login_as("branch")
    pdf = client.get(f"/branch/contracts/{contract.id}/versions/1/certificate.pdf").data
    content = _pdf_text(pdf)
    assert f"版の指紋: {contract.versions[0].fingerprint}" in content
    assert f"封印: {seal.root[:16]} (2026/11/25)" in content


def test_a_new_version_is_chained_to_the_one_before(changed):
    first, second = changed.versions
    assert len(first.chain_hash) == 64 and first.chain_hash != second.chain_hash
    assert second.chain_hash == version_hash(
        contract_number=changed.number, seq=2, kind="decrease", label="変更-1",
        issued_at=second.issued_at, fee_difference=second.fee_difference, reason="",
        issued_by_id=second.issued_by_id, snapshot=second.snapshot, previous=first.chain_hash,
    )  # fmt: skip


def test_a_version_cannot_be_rehashed_through_the_app(changed):
    version = db.session.get(CertificateVersion, changed.versions[0].id)
    version.chain_hash = "0" * 64
    with pytest.raises(ValueError, match="never updated"):
        db.session.flush()
    db.session.rollback()
