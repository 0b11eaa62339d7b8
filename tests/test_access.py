"""The access matrix: every route × every role × own and foreign records.

Built from the URL map, so a new route without an entry in AUDIENCE fails here until someone
decides who may use it.
"""

import pytest
from sqlalchemy import select

from clock import today
from domain.advance_uses import UseCategory, UseRow, WithdrawalRequest
from domain.kinds import GuaranteeKind
from domain.verification import OrdererRecord
from extensions import db
from models import (
    Application,
    Branch,
    GuaranteeContract,
    LinkPurpose,
    Orderer,
    OutboxMail,
    User,
    Withdrawal,
)
from operations.api_tokens import add_system_account, issue_token
from operations.bulk_checks import run_bulk_check
from operations.check_records import file_check_record
from operations.contractors import CompanyDetails, RequestDetails, receive_account_request
from operations.links import issue_link
from operations.submissions import submit_to_orderer
from operations.use_statements import accept_use_statement, submit_use_statement
from operations.withdrawals import prepare_withdrawal, record_deposit

#: Who each endpoint is for: "public" (anyone), "logged-in" (any role), the one role whose
#: blueprint it is, "hq" (head-office staff only), "company-admin" (a 会社管理者 only) or
#: "orderer-admin" (a 発注者管理者 only), or "api" (a system's bearer token only: 401 to any
#: session).
AUDIENCE = {
    "api.verify": "api",
    "api-docs.openapi_json": "public",
    "branch.certificate_download": "branch",
    "branch.fee_statement_download": "branch",
    "applicant.certificate": "applicant",
    "applicant.certificate_download": "applicant",
    "applicant.contract": "applicant",
    "applicant.contracts": "applicant",
    "applicant.fee_difference_download": "applicant",
    "applicant.fee_statement_download": "applicant",
    "applicant.fee_statements": "applicant",
    "applicant.cancellation_refund_download": "applicant",
    "applicant.key_notice": "applicant",
    "applicant.submit_contract": "applicant",
    "applicant.withdraw_contract_submission": "applicant",
    "verifier.certificate": "verifier",
    "verifier.check": "verifier",
    "verifier.checked": "verifier",
    "verifier.checked_csv": "verifier",
    "verifier.inbox": "verifier",
    "verifier.open_submitted": "verifier",
    "verifier.lookup": "verifier",
    "verifier.pdf_check": "verifier",
    "verifier.bulk_check": "verifier",
    "verifier.bulk_result": "verifier",
    "verifier.version": "verifier",
    "verifier.version_pdf": "verifier",
    "verifier.file_record": "verifier",
    "verifier.record_pdf": "verifier",
    "branch.contracts": "branch",
    "branch.contract": "branch",
    "branch.certificate": "branch",
    "branch.change": "branch",
    "branch.undo": "branch",
    "branch.cancel": "branch",
    "branch.reissue": "branch",
    "branch.lift_lock": "branch",
    "branch.ship": "branch",
    "branch.audit": "branch",
    "branch.fees": "branch",
    "branch.edit_fee": "branch",
    "branch.outbox": "branch",
    "branch.outbox_mail": "branch",
    "branch.queue": "branch",
    "branch.application": "branch",
    "branch.return_": "branch",
    "branch.decline": "branch",
    "branch.issue": "branch",
    "public.index": "public",
    "public.orderers": "public",
    "public.guide": "public",
    "public.health": "public",
    "public.verify_record": "public",
    "auth.login": "public",
    "auth.logout": "logged-in",
    "account.password": "logged-in",
    "account.forgot_password": "public",
    "account.reset_requested": "public",
    "account.follow_link": "public",
    "account.signup": "public",
    "account.signup_sent": "public",
    "admin.account_requests": "branch",
    "admin.account_request": "branch",
    "admin.approve_request": "branch",
    "admin.decline_request": "branch",
    "admin.contractors": "branch",
    "admin.new_contractor": "branch",
    "admin.contractor": "branch",
    "admin.new_member": "branch",
    "admin.member_active": "branch",
    "admin.home_branch": "hq",
    "admin.joint_ventures": "branch",
    "admin.new_joint_venture": "branch",
    "company.users": "company-admin",
    "company.new_user": "company-admin",
    "company.user_active": "company-admin",
    "company.notifications": "company-admin",
    "admin.home": "branch",
    "admin.orderers": "hq",
    "admin.new_orderer": "hq",
    "admin.orderer": "hq",
    "admin.edit_orderer": "hq",
    "admin.orderer_notifications": "hq",
    "admin.new_verifier": "hq",
    "admin.verifier_active": "hq",
    "admin.verifier_admin": "hq",
    "admin.orderer_systems": "hq",
    "admin.new_orderer_system": "hq",
    "admin.new_orderer_token": "hq",
    "admin.revoke_orderer_token": "hq",
    "orderer_staff.users": "orderer-admin",
    "orderer_staff.new_user": "orderer-admin",
    "orderer_staff.user_active": "orderer-admin",
    "orderer_staff.user_admin": "orderer-admin",
    "orderer_staff.systems": "orderer-admin",
    "orderer_staff.new_system": "orderer-admin",
    "orderer_staff.new_token": "orderer-admin",
    "orderer_staff.revoke": "orderer-admin",
    "orderer_staff.api_guide": "orderer-admin",
    "admin.branches": "hq",
    "admin.new_branch": "hq",
    "admin.edit_branch": "hq",
    "admin.audit": "hq",
    "admin.reservation_fees": "hq",
    "admin.branch": "hq",
    "admin.new_staff": "hq",
    "admin.staff_active": "hq",
    "admin.orderer_active": "hq",
    "admin.edit_contractor": "hq",
    "applicant.home": "applicant",
    "applicant.applications": "applicant",
    "applicant.new_application": "applicant",
    "applicant.edit_application": "applicant",
    "applicant.application": "applicant",
    "applicant.confirm_application": "applicant",
    "applicant.submit": "applicant",
    "applicant.sent": "applicant",
    "applicant.withdraw": "applicant",
    "applicant.ratio": "applicant",
    "applicant.certificate_form": "applicant",
    "applicant.check_field": "applicant",
    "applicant.new_reservation": "applicant",
    "applicant.convert": "applicant",
    "applicant.reservation_certificate": "applicant",
    "applicant.reservation_fee_statement": "applicant",
    "branch.reservation_certificate": "branch",
    "branch.reservation_fee_statement": "branch",
    "applicant.advance": "applicant",
    "applicant.use_statement": "applicant",
    "applicant.use_statement_download": "applicant",
    "applicant.deposit": "applicant",
    "applicant.new_withdrawal": "applicant",
    "applicant.withdrawal_download": "applicant",
    "applicant.withdrawal_paid": "applicant",
    "applicant.cancel_withdrawal": "applicant",
    "branch.advance": "branch",
    "branch.accept_uses": "branch",
    "branch.return_uses": "branch",
    "branch.correct_advance_deposit": "branch",
    "branch.use_statement_download": "branch",
    "branch.withdrawal_download": "branch",
    "branch.advance_audit": "branch",
}
ROLES = (
    "anonymous", "applicant", "applicant2", "branch", "hq", "verifier", "verifier2",
    "verifier-admin",
)  # fmt: skip
#: The audiences that are narrower than a role: who of that role is admitted.
NARROWER = {
    "hq": ("branch", {"hq"}),
    "company-admin": ("applicant", {"applicant", "applicant2"}),
    "orderer-admin": ("verifier", {"verifier-admin"}),
}
#: Record arguments that belong to applicant's company: foreign to every other user.
COMPANY_RECORDS = {"application_id", "user_id", "contract_id"}
#: Record arguments that belong to verifier's orderer (大仙市): foreign to every other orderer.
ORDERER_RECORDS = {"record_id", "submission_id", "bulk_id"}
#: The roles of 大仙市's staff, whose records those are.
DAISEN_STAFF = {"verifier", "verifier-admin"}
#: Endpoints whose record the matrix's ids do not have even for its owner (404 is right): the
#: first version is 新規, with no fee difference; the first application is not issued yet; the
#: contract is not cancelled.
ABSENT_FOR_OWNER = {
    "applicant.cancellation_refund_download",
    "applicant.fee_difference_download",
    "applicant.fee_statement_download",
    "branch.fee_statement_download",
    # the matrix's application is no 契約保証予約
    "applicant.reservation_certificate",
    "applicant.reservation_fee_statement",
    "branch.reservation_certificate",
    "branch.reservation_fee_statement",
    # The matrix's 連携システム is 大仙市's, its orderer_id 秋田県's: head office's pages of an
    # orderer answer 404 for another orderer's system (tests/api/test_system_accounts.py).
    "admin.new_orderer_token",
    "admin.revoke_orderer_token",
}
ROLE_OF = {
    "applicant": "applicant",
    "applicant2": "applicant",
    "branch": "branch",
    "hq": "branch",
    "verifier": "verifier",
    "verifier2": "verifier",
    "verifier-admin": "verifier",
}


def _routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        method = "GET" if "GET" in rule.methods else "POST"
        yield rule, method


def test_every_route_has_an_audience(app):
    missing = sorted({rule.endpoint for rule, _ in _routes(app)} - AUDIENCE.keys())
    assert not missing, f"add these endpoints to AUDIENCE: {missing}"


def _record_ids() -> dict[str, int | str]:
    """One record per URL argument; applicant's company's records are foreign to the others."""

    def user(login_id: str) -> User:
        return db.session.scalar(select(User).where(User.login_id == login_id))

    owner = user("applicant")
    application = db.session.scalar(
        select(Application)
        .where(Application.contractor_id == owner.contractor_id)
        .order_by(Application.id)
        .limit(1)
    )
    token = issue_link(user("applicant2"), LinkPurpose.RESET_PASSWORD)
    akita = db.session.scalar(select(Branch).where(Branch.name == "秋田支店"))
    company = CompanyDetails("新規建設株式会社", "代表取締役 新規 一郎", "秋田県", "", "018-0000")
    request = receive_account_request(
        RequestDetails(company, "新規 花子", "a@example.jp", akita.id)
    )
    contract = db.session.scalar(
        select(GuaranteeContract)
        .join(Application)
        .where(
            Application.contractor_id == owner.contractor_id,
            GuaranteeContract.kind == GuaranteeKind.ADVANCE,
        )
        .order_by(GuaranteeContract.id)
        .limit(1)
    )
    contract.application.orderer.accepts_submission_in_service = True
    submission = submit_to_orderer(owner, contract, "")
    clerk = user("verifier")
    checked = db.session.scalar(
        select(GuaranteeContract)
        .join(Application)
        .where(
            Application.orderer_id == clerk.orderer_id, GuaranteeContract.key_digest.is_not(None)
        )
        .order_by(GuaranteeContract.id)
        .limit(1)
    )
    check = file_check_record(clerk, checked.last_shown, OrdererRecord())
    system = add_system_account(user("hq"), clerk.orderer, "契約管理システム")
    api_token, _ = issue_token(user("hq"), system)
    bulk = run_bulk_check(clerk, [], "")
    withdrawal = _advance_records(owner, contract)
    db.session.commit()
    return {
        "application_id": application.id,
        "kind": "advance",
        "orderer_id": db.session.scalar(select(Orderer.id).where(Orderer.name == "秋田県")),
        "verifier_id": user("verifier2").id,
        "clerk_id": user("verifier").id,  # 大仙市's clerk: verifier-admin's own staff
        "branch_id": akita.id,
        "staff_id": user("branch").id,  # staff of 秋田支店
        "user_id": owner.id,
        "request_id": request.id,
        "contractor_id": owner.contractor_id,
        "member_id": owner.id,
        "token": token,
        "contract_id": contract.id,
        "submission_id": submission.id,
        "seq": 1,
        "mail_id": db.session.scalar(select(OutboxMail.id).limit(1)),
        "category": "municipality",
        "record_id": check.id,
        "account_id": system.id,  # 大仙市's 連携システム
        "token_id": api_token.id,
        "bulk_id": bulk.id,
        "withdrawal_id": withdrawal.id,
    }


def _advance_records(owner: User, contract: GuaranteeContract) -> Withdrawal:
    """An accepted use statement, a deposit and a 払出依頼書 on the (前払金保証) contract."""
    assert contract.kind is GuaranteeKind.ADVANCE
    statement = submit_use_statement(
        owner, contract, [UseRow(UseCategory.MATERIALS, "", contract.amount)]
    )
    branch = db.session.scalar(select(User).where(User.login_id == "branch"))
    accept_use_statement(branch, statement)
    record_deposit(owner, contract, today(), contract.amount)
    request = WithdrawalRequest("秋田資材株式会社", UseCategory.MATERIALS, 1_000, today())
    return prepare_withdrawal(owner, contract, request)


def _request(client, post, rule, method, values):
    url = rule.build(values, append_unknown=False)[1]
    if method == "GET":
        return client.get(url)
    return post(url, headers={"HX-Trigger-Name": "work_name"})


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(app, client, login_as, post, role):
    if role != "anonymous":
        login_as(role)
    values = _record_ids()
    for rule, method in _routes(app):
        audience = AUDIENCE[rule.endpoint]
        if rule.endpoint == "auth.logout":
            continue  # logout ends the session: tests/test_auth.py covers it
        status = _request(client, post, rule, method, values).status_code
        where = f"{method} {rule.rule} as {role}"
        assert status < 500, where
        role_audience, admitted = NARROWER.get(audience, (audience, None))
        if audience == "public":
            assert status < 400, where
        elif audience == "api":
            assert status == 401, where  # a session cookie never opens the API
        elif role == "anonymous":
            assert status == 302, where  # to the login page
        elif audience == "logged-in":
            assert status not in (403, 404), where
        elif ROLE_OF[role] != role_audience or (admitted and role not in admitted):
            assert status == 403, where
        elif (
            role_audience == "verifier"
            and rule.arguments & ORDERER_RECORDS
            and role not in DAISEN_STAFF
        ):
            assert status == 404, where  # another orderer's record looks like no record
        elif role_audience == "verifier" and "contract_id" in rule.arguments:
            assert status == 404, where  # a certificate opens only after number and key
        elif (
            role_audience == "applicant"
            and rule.arguments & COMPANY_RECORDS
            and role != "applicant"
        ):
            assert status == 404, where  # another company's record looks like no record
        elif rule.endpoint in ABSENT_FOR_OWNER:
            assert status != 403, where
        else:
            assert status not in (403, 404), where
