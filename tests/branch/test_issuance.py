"""Issuing guarantees: numbers, contracts, immutable certificates, keys, and no double issue."""

import io
import re
import threading
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from domain.kinds import CertificateForm, GuaranteeKind
from extensions import db
from models import (
    Application,
    ApplicationStatus,
    BranchSerial,
    GuaranteeContract,
    OutboxMail,
    Shipping,
    User,
)
from operations.errors import DomainError
from operations.issuance import allocate_number, issue_guarantees
from operations.keys import key_opens, reveal_key
from operations.review import open_for_review
from tests.branch.conftest import application_named
from tests.builders import ticked


def _contracts(application) -> list[GuaranteeContract]:
    return db.session.scalars(
        select(GuaranteeContract)
        .where(GuaranteeContract.application_id == application.id)
        .order_by(GuaranteeContract.id)
    ).all()


def _issue(client, post, application):
    client.get(f"/branch/applications/{application.id}")
    return post(
        f"/branch/applications/{application.id}/issue",
        {"revision": application.revision, "confirmed": "yes"},
    )


@pytest.mark.rendered_form("branch.issue")
def test_issuing_makes_one_contract_per_guarantee_with_numbers_and_keys(web, sent):
    web.log_in("branch")
    page = ticked(web.get(f"/branch/applications/{sent.id}").forms["issue"]).submit().follow().text
    assert "保証を発行しました" in page
    assert sent.status is ApplicationStatus.ISSUED
    advance, contract = _contracts(sent)
    assert (advance.kind, contract.kind) == (GuaranteeKind.ADVANCE, GuaranteeKind.CONTRACT)
    for issued in (advance, contract):
        assert re.fullmatch(r"10501-[0-9]{6}", issued.number)
        assert issued.number in page
        key = reveal_key(issued)
        assert key and len(key) == 12 and key not in issued.key_digest
        assert key_opens(issued, f" {key[:4]}-{key[4:8]} {key[8:]} ")
        assert not key_opens(issued, key.swapcase())
    assert int(contract.number[-6:]) == int(advance.number[-6:]) + 1
    assert (advance.amount, advance.fee, contract.fee) == (20_000_000, 76_438, 23_356)


def test_the_first_version_is_a_snapshot_of_every_certificate_field(client, login_as, post, sent):
    login_as("branch")
    _issue(client, post, sent)
    advance = _contracts(sent)[0]
    (version,) = advance.versions
    snapshot = version.snapshot
    assert version.label == "新規" and version.visible
    assert snapshot["contract_number"] == advance.number
    assert snapshot["contractor_name"] == "大曲建設株式会社"
    assert snapshot["amount"] == 20_000_000 and snapshot["contract_price"] == 50_000_000
    assert snapshot["guarantee_end"] == "2027-09-30" and snapshot["work_start"] == "2026-12-01"
    assert snapshot["deposit_bank"] == "秋田中央銀行　大曲支店"
    assert snapshot["office_name"] == "秋田支店" and snapshot["office_fax"] == "018-000-0002"
    assert snapshot["issuer_name"] == "サンプル建設業保証株式会社"
    # The certificate page shows it in 和暦, even after the application changes.
    sent.work_name = "名称変更後の工事"
    db.session.commit()
    certificate = client.get(f"/branch/contracts/{advance.id}/versions/1").text
    assert "市道大曲中央線道路改良工事" in certificate and "令和9年9月30日" in certificate


def test_an_issued_version_cannot_be_updated(client, login_as, post, sent):
    login_as("branch")
    _issue(client, post, sent)
    version = _contracts(sent)[0].versions[0]
    version.snapshot = {**version.snapshot, "amount": 1}
    with pytest.raises(ValueError, match="never updated"):
        db.session.flush()
    db.session.rollback()


def test_the_issue_mail_names_what_was_issued_but_no_key_and_no_link(client, login_as, post, sent):
    login_as("branch")
    _issue(client, post, sent)
    mail = db.session.scalar(
        select(OutboxMail)
        .where(OutboxMail.subject_type == "Application", OutboxMail.subject_id == sent.id)
        .order_by(OutboxMail.id.desc())
    )
    assert mail.subject == "電子保証（認証キー）発行完了のお知らせ"
    assert mail.to == "soumu@example.co.jp"
    for contract in _contracts(sent):
        assert contract.number in mail.body_text
        assert reveal_key(contract) not in mail.body_text + mail.body_html
    assert "ネットデスクにログイン" in mail.body_text
    assert "http" not in mail.body_text + mail.body_html and "<a " not in mail.body_html


def test_pressing_issue_twice_issues_once(client, login_as, post, sent):
    login_as("branch")
    client.get(f"/branch/applications/{sent.id}")
    revision = sent.revision
    first = post(
        f"/branch/applications/{sent.id}/issue", {"revision": revision, "confirmed": "yes"}
    )
    second = post(
        f"/branch/applications/{sent.id}/issue", {"revision": revision, "confirmed": "yes"}
    )
    assert first.status_code == second.status_code == 303
    assert len(_contracts(sent)) == 2
    mails = select(func.count()).where(OutboxMail.subject_id == sent.id)
    assert db.session.scalar(mails.where(OutboxMail.subject_type == "Application")) == 1


@pytest.mark.rendered_form("branch.issue", "branch.ship")
def test_paper_guarantees_wait_to_be_posted(web, world):
    application = application_named("県道秋田サンプル線橋梁補修工事")
    web.log_in("branch")
    ticked(web.get(f"/branch/applications/{application.id}").forms["issue"]).submit()
    paper = _contracts(application)[0]
    assert paper.certificate_form is CertificateForm.PAPER
    assert paper.shipping is Shipping.AWAITING and paper.key_digest is None
    page = web.get(f"/branch/contracts/{paper.id}")
    assert "発送待ち" in page.text
    ship = page.forms["ship"]
    assert "発送済にしました。" in ship.submit().follow().text
    assert paper.shipping is Shipping.SHIPPED
    assert "ship" not in web.get(f"/branch/contracts/{paper.id}").forms
    # The same form pressed again (a second tab): refused, nothing changes.
    ship["revision"] = str(paper.revision)
    refused = ship.submit().follow().text
    assert "発送待ちの紙の保証証書ではありません。" in refused


def test_a_guarantee_whose_end_has_passed_is_not_issued(client, login_as, post, sent, clock):
    clock.now = clock.now + timedelta(days=400)
    login_as("branch")
    response = _issue(client, post, sent)
    assert "保証期限（2027/09/30）が発行日より前です。" in client.get(response.location).text
    assert _contracts(sent) == []


def test_a_serial_of_a_rolled_back_issue_is_never_given_to_two_contracts(user, sent):
    staff = user("branch")
    branch = sent.branch
    used = {c.number for c in db.session.scalars(select(GuaranteeContract))}
    allocate_number(branch)
    db.session.rollback()
    open_for_review(staff, sent)
    numbers = {c.number for c in issue_guarantees(staff, sent, sent.revision)}
    db.session.commit()
    assert not numbers & used and len(numbers) == 2
    assert db.session.get(BranchSerial, branch.id).last_serial == 4  # demo's 2 + these 2


def test_the_unique_number_is_the_backstop(user, sent):
    existing = db.session.scalars(select(GuaranteeContract)).first()
    counter = db.session.get(BranchSerial, existing.branch_id)
    counter.last_serial -= 1  # as if the counter had been set back by hand
    db.session.commit()
    staff = user("branch")
    open_for_review(staff, sent)
    with pytest.raises(IntegrityError):
        issue_guarantees(staff, sent, sent.revision)
        db.session.commit()
    db.session.rollback()


def _in_parallel(app, *jobs):
    """Run each job in its own thread, app context and database session, all at once."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        with app.app_context():
            try:
                barrier.wait()
                job()
                db.session.commit()
                outcomes[index] = "ok"
            except Exception as error:
                db.session.rollback()
                outcomes[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def _needs_postgresql():
    if db.engine.dialect.name != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (set TEST_DATABASE_URL)")


def test_two_staff_issuing_one_application_at_once_make_one_set(app, user, sent):
    _needs_postgresql()
    open_for_review(user("branch"), sent)
    db.session.commit()
    application_id, revision = sent.id, sent.revision

    def issue(login_id):
        def job():
            staff = db.session.scalar(select(User).where(User.login_id == login_id))
            issue_guarantees(staff, db.session.get(Application, application_id), revision)

        return job

    outcomes = _in_parallel(app, issue("branch"), issue("hq"))
    assert all(o == "ok" or isinstance(o, DomainError) for o in outcomes), outcomes
    db.session.expire_all()
    assert len(_contracts(sent)) == 2


def test_two_applications_issued_at_once_get_different_numbers(app, user, sent):
    _needs_postgresql()
    other = application_named("県道秋田サンプル線橋梁補修工事")
    staff = user("branch")
    open_for_review(staff, sent)
    open_for_review(staff, other)
    db.session.commit()
    targets = [(sent.id, sent.revision), (other.id, other.revision)]

    def issue(application_id, revision):
        def job():
            me = db.session.scalar(select(User).where(User.login_id == "branch"))
            issue_guarantees(me, db.session.get(Application, application_id), revision)

        return job

    outcomes = _in_parallel(app, *(issue(*t) for t in targets))
    assert outcomes == ["ok", "ok"]
    db.session.expire_all()
    numbers = [c.number for c in db.session.scalars(select(GuaranteeContract))]
    assert len(numbers) == len(set(numbers)) == 2 + 2 + 2  # the demo's, and two applications'
    assert sorted(int(n[-6:]) for n in numbers) == [1, 2, 3, 4, 5, 6]


def test_staff_download_the_certificate_and_the_fee_statement(client, login_as, post, sent):
    login_as("branch")
    page = client.get(f"/branch/applications/{sent.id}").text
    revision = re.search(r'name="revision" value="(\d+)"', page).group(1)
    assert (
        post(
            f"/branch/applications/{sent.id}/issue", {"revision": revision, "confirmed": "yes"}
        ).status_code
        == 303
    )
    contract = sent.guarantees[0].contract
    certificate = client.get(f"/branch/contracts/{contract.id}/versions/1/certificate.pdf")
    statement = client.get(f"/branch/applications/{sent.id}/fee-statement.pdf")
    assert certificate.mimetype == statement.mimetype == "application/pdf"
    assert contract.number in PdfReader(io.BytesIO(certificate.data)).pages[0].extract_text()
    assert "保証料計算書" in PdfReader(io.BytesIO(statement.data)).pages[0].extract_text()
