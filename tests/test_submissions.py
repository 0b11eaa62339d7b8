"""提出: the orderer's submission details, and handing a 電子保証 to the orderer in the service."""

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from extensions import db
from models import (
    Application,
    AuditEntry,
    GuaranteeContract,
    Orderer,
    OutboxMail,
    Submission,
    SubmissionState,
    VersionConfirmation,
)
from operations.contract_changes import cancel_contract, reissue_key
from operations.issuance import issue_guarantees
from operations.review import open_for_review
from operations.submissions import submit_to_orderer
from tests.builders import errors_beside, user

ISSUED_WORK = "大仙市サンプル地区排水路整備工事"
DETAILS = {
    "submission_email": "keiyaku@city.daisen.example.jp",
    "submission_subject": "【電子保証】{工事名} {保証契約番号}",
    "submission_attachments": "前払金請求書\n工事請負契約書の写し",
    "submission_notes": "提出後、契約検査課へお電話ください。",
    "notification_email": "",
}


@pytest.fixture(autouse=True)
def fixed_time(clock):
    return clock


@pytest.fixture
def daisen(world) -> Orderer:
    return db.session.scalar(select(Orderer).where(Orderer.name == "大仙市"))


@pytest.fixture
def contract(world) -> GuaranteeContract:
    return db.session.scalar(
        select(GuaranteeContract)
        .join(Application)
        .where(Application.work_name == ISSUED_WORK)
        .order_by(GuaranteeContract.id)
    )


@pytest.fixture
def accepting(daisen) -> Orderer:
    """大仙市 accepts submission in the service and keeps two 担当課."""
    daisen.accepts_submission_in_service = True
    daisen.departments = "契約検査課\n建設課"
    db.session.commit()
    return daisen


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _submissions() -> list[Submission]:
    return list(db.session.scalars(select(Submission).order_by(Submission.id)))


# §1 Per-orderer submission details


@pytest.mark.rendered_form("admin.edit_orderer")
def test_hq_records_the_submission_details_shown_to_contractors(web, daisen, contract):
    web.log_in("hq")
    form = web.get(f"/admin/orderers/{daisen.id}/edit").forms["orderer-form"]
    for name, value in DETAILS.items():
        form[name] = value
    form["accepts_submission_in_service"] = True
    form["departments"] = " 契約検査課\n\n建設課\n契約検査課\n"
    page = form.submit(status=303).follow()
    assert "keiyaku@city.daisen.example.jp（提出先と同じ）" in page.text
    db.session.refresh(daisen)
    assert daisen.submission_email == DETAILS["submission_email"]
    assert daisen.notification_address == DETAILS["submission_email"]
    assert daisen.accepts_submission_in_service
    assert daisen.department_list == ["契約検査課", "建設課"]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "orderer.changed"))
    assert "提出先メールアドレス:  → keiyaku@city.daisen.example.jp" in entry.detail

    public = web.get("/orderers").text
    assert "keiyaku@city.daisen.example.jp" in public and "前払金請求書" in public
    assert "【電子保証】{工事名} {保証契約番号}" in public and "受付" in public

    web.reset()
    web.log_in("applicant")
    summary = web.get(f"/applicant/contracts/{contract.id}").text
    assert f"【電子保証】{ISSUED_WORK} {contract.number}" in summary
    assert "提出後、契約検査課へお電話ください。" in summary
    assert "受け付けています（「発注者へ提出」）" in summary
    notice = _pdf_text(web.get(f"/applicant/contracts/{contract.id}/key-notice.pdf").body)
    compact = notice.replace("\n", "").replace(" ", "")
    for expected in ("大仙市への提出方法", "keiyaku@city.daisen.example.jp", "前払金請求書"):
        assert expected in compact, expected
    assert f"【電子保証】{ISSUED_WORK}{contract.number}".replace(" ", "") in compact
    assert "http" not in notice


@pytest.mark.rendered_form("admin.edit_orderer")
def test_a_bad_address_or_an_unknown_placeholder_is_answered_beside_the_field(web, daisen):
    web.log_in("hq")
    form = web.get(f"/admin/orderers/{daisen.id}/edit").forms["orderer-form"]
    form["submission_email"] = "keiyaku@"
    form["notification_email"] = "not an address"
    form["submission_subject"] = "【電子保証】{工事番号} {工事名}"
    page = form.submit(status=422).text
    assert "メールアドレスの形式が正しくありません" in errors_beside(page, "submission_email")
    assert "メールアドレスの形式が正しくありません" in errors_beside(page, "notification_email")
    form["submission_email"], form["notification_email"] = "keiyaku@city.example.jp", ""
    page = form.submit(status=422).text
    assert "{工事番号}" in errors_beside(page, "submission_subject")
    assert "{工事名}" in errors_beside(page, "submission_subject")
    db.session.refresh(daisen)
    assert daisen.submission_email == "" and daisen.submission_subject == ""


def test_the_notification_address_is_the_notification_mailbox_else_the_submission_one(daisen):
    assert daisen.notification_address is None
    daisen.submission_email = "teishutsu@example.jp"
    assert daisen.notification_address == "teishutsu@example.jp"
    daisen.notification_email = "tsuchi@example.jp"
    assert daisen.notification_address == "tsuchi@example.jp"


# §2 Submission inside the service


@pytest.mark.rendered_form(
    "applicant.submit_contract", "verifier.open_submitted", "applicant.withdraw_contract_submission"
)
def test_the_contractor_submits_and_the_clerk_opens_it_from_the_inbox(
    web, app, accepting, contract, clock
):
    web.log_in("applicant")
    summary = web.get(f"/applicant/contracts/{contract.id}")
    form = summary.forms["submission-form"]
    assert form["department"].options[1][0] == "契約検査課"
    page = form.submit(status=422)  # no 担当課 chosen
    assert "担当課を一覧から選んでください" in errors_beside(page.text, "department")
    assert _submissions() == []
    form = page.forms["submission-form"]
    form["department"] = "建設課"
    page = form.submit(status=303).follow()
    assert "大仙市へ提出しました。" in page.text and "未確認" in page.text
    # Withdrawn before it is opened, then submitted again.
    page = page.forms["withdraw-submission"].submit(status=303).follow()
    assert "取り下げました" in page.text
    assert _submissions()[0].state is SubmissionState.WITHDRAWN
    form = page.forms["submission-form"]
    form["department"] = "建設課"
    form.submit(status=303)
    web.reset()

    web.log_in("verifier")
    inbox = web.get("/verifier/inbox")
    assert "提出受付一覧" in web.get("/verifier/").text
    rows = inbox.text.split("<tbody>")[1]
    assert rows.count("<tr>") == 1  # the withdrawn one is not listed
    for expected in (ISSUED_WORK, "大曲建設株式会社", "前払金保証", contract.number, "建設課",
                     "未確認", "2026/11/25"):  # fmt: skip
        assert expected in rows, expected
    assert contract.number not in web.get("/verifier/inbox", {"department": "契約検査課"}).text
    filtered = web.get("/verifier/inbox", {"department": "建設課"})
    opening = web.form_to(filtered, f"/verifier/inbox/{_submissions()[-1].id}/open")
    certificate = opening.submit(status=303).follow()
    assert contract.number in certificate.text and "保証証券" in certificate.text
    stamp = db.session.scalar(select(VersionConfirmation))
    assert stamp is not None and stamp.viewed_by.login_id == "verifier"
    submission = _submissions()[-1]
    assert (
        submission.state is SubmissionState.OPENED and submission.opened_by.login_id == "verifier"
    )
    assert "確認済" in web.get("/verifier/inbox").text
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert "submission.submitted" in actions and "submission.opened" in actions
    assert "certificate.first_viewed" in actions
    web.reset()

    web.log_in("applicant")
    page = web.get(f"/applicant/contracts/{contract.id}").text
    assert "確認済" in page and "withdraw-submission" not in page
    assert "（大仙市）" in page  # 電子保証発行日時 with the orderer in the history


def test_the_inbox_flags_what_happened_after_the_clerk_opened_it(
    app, client, login_as, post, accepting, contract
):
    applicant = login_as("applicant")
    with app.test_request_context():
        submit_to_orderer(applicant, contract, "建設課")
        db.session.commit()
    clerk = login_as("verifier")
    post(f"/verifier/inbox/{_submissions()[0].id}/open")  # as rendered: the test above
    client.get(f"/verifier/certificates/{contract.id}")  # the view that stamps it
    assert "解約" not in _inbox_row(client)
    branch = user("branch")
    with app.test_request_context():
        cancel_contract(branch, contract, contract.revision, "工事の中止")
        db.session.commit()
    login_as(clerk.login_id)
    assert "解約" in _inbox_row(client)  # as in 確認済み一覧


def _inbox_row(client) -> str:
    return client.get("/verifier/inbox").text.split("<tbody>")[1].split("</tbody>")[0]


def _post_submission(post, contract, department="契約検査課"):
    return post(f"/applicant/contracts/{contract.id}/submission", {"department": department})


def test_another_company_cannot_submit_the_contract(client, login_as, post, accepting, contract):
    login_as("applicant2")
    assert _post_submission(post, contract).status_code == 404
    assert _submissions() == []


def test_an_orderer_that_does_not_accept_it_is_refused(client, login_as, post, daisen, contract):
    login_as("applicant")
    assert "submission-form" not in client.get(f"/applicant/contracts/{contract.id}").text
    response = _post_submission(post, contract)
    assert response.status_code == 422
    assert "大仙市はサービス内での提出を受け付けていません" in response.text
    assert _submissions() == []


def test_a_department_outside_the_list_is_refused(client, login_as, post, accepting, contract):
    login_as("applicant")
    response = _post_submission(post, contract, "存在しない課")
    assert response.status_code == 422 and _submissions() == []


def test_a_paper_or_cancelled_contract_cannot_be_submitted(app, client, login_as, post, world):
    akita = db.session.scalar(select(Orderer).where(Orderer.name == "秋田県"))
    akita.accepts_submission_in_service = True
    application = db.session.scalar(
        select(Application).where(Application.work_name == "県道秋田サンプル線橋梁補修工事")
    )
    open_for_review(user("branch"), application)
    paper = issue_guarantees(user("branch"), application, application.revision)[0]
    db.session.commit()
    login_as("applicant2")
    response = _post_submission(post, paper, "")
    assert response.status_code == 422 and "証書(紙)" in response.text
    daisen_contract = db.session.scalar(
        select(GuaranteeContract)
        .join(Application)
        .where(Application.work_name == ISSUED_WORK)
        .order_by(GuaranteeContract.id)
    )
    daisen_contract.application.orderer.accepts_submission_in_service = True
    cancel_contract(user("branch"), daisen_contract, daisen_contract.revision)
    db.session.commit()
    login_as("applicant")
    response = _post_submission(post, daisen_contract, "")
    assert response.status_code == 422 and "解約" in response.text
    assert _submissions() == []


def test_only_the_contracts_orderer_sees_and_opens_the_submission(
    client, login_as, post, accepting, contract
):
    submission = submit_to_orderer(user("applicant"), contract, "建設課")
    db.session.commit()
    login_as("verifier2")
    assert contract.number not in client.get("/verifier/inbox").text
    assert post(f"/verifier/inbox/{submission.id}/open").status_code == 404
    assert client.get(f"/verifier/certificates/{contract.id}").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(VersionConfirmation)) == 0
    assert submission.state is SubmissionState.SUBMITTED


def test_a_submission_is_made_once_and_withdrawn_only_before_it_is_opened(
    client, login_as, post, accepting, contract
):
    submit_to_orderer(user("applicant"), contract, "建設課")
    db.session.commit()
    login_as("applicant")
    again = _post_submission(post, contract)
    assert again.status_code == 422 and "既に発注者へ提出しています" in again.text
    login_as("verifier")
    submission = _submissions()[0]
    post(f"/verifier/inbox/{submission.id}/open")
    login_as("applicant")
    response = post(f"/applicant/contracts/{contract.id}/submission/withdraw")
    assert response.status_code == 303
    assert "取り下げられる提出がありません" in client.get(response.location).text
    db.session.refresh(submission)
    assert submission.state is SubmissionState.OPENED


def test_a_key_reissue_withdraws_the_submission_and_asks_for_it_again(
    client, login_as, post, accepting, contract
):
    submission = submit_to_orderer(user("applicant"), contract, "建設課")
    db.session.commit()
    reissue_key(user("branch"), contract, contract.revision)
    db.session.commit()
    db.session.refresh(submission)
    assert submission.state is SubmissionState.REVOKED
    mail = db.session.scalar(
        select(OutboxMail).where(OutboxMail.subject == "【e-Surety】発注者への再提出のお願い")
    )
    assert mail.to == "soumu@example.co.jp" and contract.number in mail.body_text
    assert "http" not in mail.body_text

    login_as("verifier")
    inbox = client.get("/verifier/inbox").text
    assert "再提出待ち" in inbox
    assert post(f"/verifier/inbox/{submission.id}/open").status_code == 303
    assert client.get(f"/verifier/certificates/{contract.id}").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(VersionConfirmation)) == 0

    login_as("applicant")
    page = client.get(f"/applicant/contracts/{contract.id}").text
    assert "再提出してください" in page and "submission-form" in page
    assert _post_submission(post, contract).status_code == 303
    login_as("verifier")
    inbox = client.get("/verifier/inbox").text
    assert "再提出待ち" not in inbox and "未確認" in inbox
