"""Trust at the edges (issue 10, hole 9): caching of keys, request size, odd numbers in URLs,
files where text belongs, requests that race, conflict pages, the login throttle, and what
a refused login ID tells."""

import io
import logging
import re
import threading

import pytest
from flask import current_app
from sqlalchemy import delete, func, select

from domain.identifiers import key_groups
from extensions import db
from models import (
    Application,
    ApplicationStatus,
    BranchSerial,
    CertificateVersion,
    GuaranteeContract,
    StoredDocument,
    User,
    VersionConfirmation,
)
from operations.demo import DEMO_PASSWORD
from operations.keys import reveal_key
from operations.review import open_for_review
from tests.builders import application_form, errors_beside, row_counts, text_of
from tests.conftest import sign_in

HUGE = "99999999999999999999"  # 20 digits: beyond any integer a database holds


def _user(login_id: str) -> User:
    return db.session.scalar(select(User).where(User.login_id == login_id))


def _electronic_contract() -> GuaranteeContract:
    """The demo's issued 電子保証 of the applicant's company."""
    return db.session.scalar(
        select(GuaranteeContract)
        .where(GuaranteeContract.key_digest.is_not(None))
        .order_by(GuaranteeContract.id)
    )


def _client_of(app, login_id: str, address: str = "127.0.0.1"):
    """A client of its own (its own session), logged in as a demo user."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    sign_in(client, _user(login_id))
    return client


def _token(client) -> str:
    page = client.get("/guide").text
    return re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)


def _all_at_once(*requests):
    """Run each request (a function returning a response) in its own thread, released together;
    a request that raised is answered by its exception."""
    app = current_app._get_current_object()
    barrier = threading.Barrier(len(requests))
    responses = [None] * len(requests)

    def run(index, request):
        with app.app_context():
            barrier.wait(timeout=30)
            try:
                responses[index] = request()
            except Exception as error:  # an error page in production: kept to fail the test
                responses[index] = error

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    db.session.expire_all()
    return responses


# --- 認証キー never kept by a browser or a proxy -----------------------------------------


def test_the_contract_page_showing_the_key_is_never_stored(app, client, login_as):
    login_as("applicant")
    contract = _electronic_contract()
    response = client.get(f"/applicant/contracts/{contract.id}")
    with app.test_request_context():
        assert key_groups(reveal_key(contract)) in response.text  # as shown: 4-4-4
    assert "no-store" in response.headers["Cache-Control"]


def test_the_key_notice_pdf_is_never_stored(client, login_as):
    login_as("applicant")
    contract = _electronic_contract()
    response = client.get(f"/applicant/contracts/{contract.id}/key-notice.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "no-store" in response.headers["Cache-Control"]


# --- request size --------------------------------------------------------------------------


def test_a_request_over_one_mebibyte_is_refused_with_a_clear_page(client, world):
    response = client.post("/login", data={"login_id": "x" * (1024 * 1024 + 1)})
    assert response.status_code == 413
    assert "送信されたデータが大きすぎます" in response.text


# --- numbers no database can hold -----------------------------------------------------------

PAGED = {
    "applicant": [
        "/applicant/applications",
        "/applicant/contracts",
        "/applicant/contracts?tab=keys",
        "/applicant/contracts?tab=history",
    ],
    "branch": ["/branch/", "/branch/contracts", "/branch/outbox"],
    "hq": ["/admin/audit"],
}


@pytest.mark.parametrize("login_id", PAGED)
def test_a_page_number_beyond_any_integer_is_not_an_error(client, login_as, login_id):
    login_as(login_id)
    for url in PAGED[login_id]:
        joiner = "&" if "?" in url else "?"
        response = client.get(f"{url}{joiner}page={HUGE}")
        assert response.status_code in (200, 404), url


@pytest.mark.parametrize(
    ("login_id", "url"),
    [
        ("applicant", "/applicant/contracts/{id}"),
        ("applicant", "/applicant/applications/{id}"),
        ("applicant", "/applicant/contracts/1/versions/{id}"),
        ("branch", "/branch/applications/{id}"),
        ("branch", "/branch/contracts/{id}"),
        ("branch", "/branch/outbox/{id}"),
        ("verifier", "/verifier/certificates/{id}"),
    ],
)
def test_an_id_beyond_any_integer_is_not_found(client, login_as, login_id, url):
    login_as(login_id)
    assert client.get(url.format(id=HUGE)).status_code == 404


def test_ids_just_beyond_a_database_integer_are_not_found(client, login_as):
    login_as("branch")
    assert client.get(f"/branch/contracts/{2**31 - 1}").status_code == 404  # looked up
    assert client.get(f"/branch/contracts/{2**31}").status_code == 404
    assert client.get(f"/branch/contracts/{2**63}").status_code == 404


# --- a file where text belongs ---------------------------------------------------------------


def test_a_file_sent_in_a_text_field_is_refused_not_an_error(client, login_as, csrf_token):
    login_as("applicant")
    before = row_counts()
    form = {**application_form(action="save_draft"), "csrf_token": csrf_token()}
    form["work_name"] = (io.BytesIO(b"not text"), "work.txt")
    response = client.post(
        "/applicant/applications/new", data=form, content_type="multipart/form-data"
    )
    assert response.status_code == 422
    assert "ファイルは受け付けていません" in response.text
    assert row_counts() == before


def test_a_file_sent_as_the_login_id_is_refused(client, world, csrf_token):
    data = {"csrf_token": csrf_token(), "login_id": (io.BytesIO(b"x"), "id.txt"), "password": "x"}
    response = client.post("/login", data=data, content_type="multipart/form-data")
    assert response.status_code == 422


# --- requests that race -----------------------------------------------------------------------


def test_two_identical_posts_of_a_new_application_save_one(app, world):
    applicant = _client_of(app, "applicant")
    form = {**application_form(action="save_draft"), "csrf_token": _token(applicant)}
    before = db.session.scalar(select(func.count()).select_from(Application))
    responses = _all_at_once(
        *(lambda: applicant.post("/applicant/applications/new", data=form) for _ in range(2))
    )
    assert [getattr(r, "status_code", r) for r in responses] == [303, 303]
    assert responses[0].location == responses[1].location  # both answered with the one draft
    assert db.session.scalar(select(func.count()).select_from(Application)) == before + 1


def test_two_presses_of_issue_at_once_issue_once(app, world):
    application = db.session.scalar(
        select(Application).where(Application.work_name == "市道大曲中央線道路改良工事")
    )
    open_for_review(_user("branch"), application)
    db.session.commit()
    application_id, revision = application.id, application.revision
    staff = [_client_of(app, login_id) for login_id in ("branch", "hq")]
    forms = [
        {"csrf_token": _token(client), "revision": revision, "confirmed": "yes"} for client in staff
    ]
    url = f"/branch/applications/{application_id}/issue"
    responses = _all_at_once(
        *(lambda c=c, f=f: c.post(url, data=f) for c, f in zip(staff, forms, strict=True))
    )
    assert [getattr(r, "status_code", r) for r in responses] == [303, 303]
    contracts = select(func.count()).where(GuaranteeContract.application_id == application_id)
    assert db.session.scalar(contracts) == 2  # 前払金保証 and 契約保証, once
    messages = [client.get(r.location).text for client, r in zip(staff, responses, strict=True)]
    assert sum("保証を発行しました" in m for m in messages) == 1
    assert sum("この申込の保証は発行済みです" in m for m in messages) == 1


def test_six_first_downloads_of_one_stored_pdf_at_once_all_succeed(app, world):
    contract = _electronic_contract()
    url = f"/applicant/contracts/{contract.id}/versions/1/certificate.pdf"
    clients = [_client_of(app, "applicant") for _ in range(6)]
    responses = _all_at_once(*(lambda c=c: c.get(url) for c in clients))
    assert [getattr(r, "status_code", r) for r in responses] == [200] * 6
    assert len({r.data for r in responses}) == 1  # all the one kept document
    assert db.session.scalar(select(func.count()).select_from(StoredDocument)) == 1


def test_two_first_views_of_a_certificate_at_once_stamp_once(app, world):
    contract = db.session.scalar(
        select(GuaranteeContract)
        .where(GuaranteeContract.key_digest.is_not(None))
        .order_by(GuaranteeContract.id)
    )
    db.session.execute(delete(VersionConfirmation))  # no version of the demo seen yet
    db.session.commit()
    with app.test_request_context():
        key = reveal_key(contract)
    verifiers = [_client_of(app, "verifier") for _ in range(2)]
    for verifier in verifiers:
        opened = verifier.post(
            "/verifier/",
            data={"csrf_token": _token(verifier), "number": contract.number, "key": key},
        )
        assert opened.status_code == 303
    url = f"/verifier/certificates/{contract.id}"
    responses = _all_at_once(*(lambda v=v: v.get(url) for v in verifiers))
    assert [getattr(r, "status_code", r) for r in responses] == [200, 200]
    stamps = select(func.count()).select_from(VersionConfirmation)
    assert db.session.scalar(stamps.join(CertificateVersion).where(
        CertificateVersion.contract_id == contract.id
    )) == 1  # fmt: skip


# --- a conflict at commit -----------------------------------------------------------------------


def test_a_conflict_page_keeps_the_security_headers_and_is_logged(client, login_as, post, caplog):
    application = db.session.scalar(
        select(Application).where(Application.work_name == "市道大曲中央線道路改良工事")
    )
    existing = _electronic_contract()
    counter = db.session.get(BranchSerial, existing.branch_id)
    counter.last_serial -= 1  # set back by hand: the next number is taken (the unique backstop)
    db.session.commit()
    login_as("branch")
    client.get(f"/branch/applications/{application.id}")
    url = f"/branch/applications/{application.id}/issue"
    with caplog.at_level(logging.WARNING):
        response = post(url, {"revision": application.revision, "confirmed": "yes"})
    assert response.status_code == 409 and "保存できませんでした" in response.text
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    (logged,) = [r.getMessage() for r in caplog.records if url in r.getMessage()]
    assert "IntegrityError" in logged and "guarantee_contract" in logged and "number" in logged
    assert db.session.get(Application, application.id).status is not ApplicationStatus.ISSUED


# --- the login throttle -------------------------------------------------------------------------


def _log_in(client, login_id: str, password: str):
    return client.post(
        "/login",
        data={"csrf_token": _token(client), "login_id": login_id, "password": password},
    )


def test_strangers_failing_on_a_login_id_do_not_lock_its_owner_out(app, world, rate_limits):
    for stranger in range(15):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"198.51.100.{stranger + 1}"
        for _ in range(3):
            assert _log_in(client, "applicant", "wrong").status_code == 200
    owner = app.test_client()
    owner.environ_base["REMOTE_ADDR"] = "203.0.113.7"
    assert _log_in(owner, "applicant", DEMO_PASSWORD).status_code == 303


def test_failures_from_one_address_on_one_login_id_are_throttled(app, world, rate_limits):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "198.51.100.1"
    for _ in range(10):
        assert _log_in(client, "applicant", "wrong").status_code == 200
    assert _log_in(client, "applicant", DEMO_PASSWORD).status_code == 429
    assert _log_in(client, "branch", DEMO_PASSWORD).status_code == 303  # another ID still may


# --- what a refused login ID tells --------------------------------------------------------------

NEW_USER = {"name": "事務 三郎", "email": "jimu@omagari.example.jp"}


@pytest.mark.rendered_form("company.new_user")
@pytest.mark.parametrize("taken", ["branch", "verifier", "BRANCH", "applicant2"])
def test_a_staff_or_orderer_login_id_looks_like_any_unusable_id(web, taken):
    web.log_in("applicant")

    def refusal(login_id: str) -> str:
        forms = web.get("/company/users/new").forms.values()
        form = next(f for f in forms if "login_id" in f.fields)
        for name, value in {**NEW_USER, "login_id": login_id}.items():
            form[name] = value
        page = form.submit(status=422).text
        answer = errors_beside(page, "login_id") + " " + (text_of(page, "form-errors") or "")
        answer = re.sub(re.escape(login_id), "<ID>", answer, flags=re.IGNORECASE)
        return re.sub(r"<ID>\d{4}」", "<ID>????」", answer)

    assert refusal(taken) == refusal("admin")  # reserved, and never anyone's
    assert "このログインIDは使用できません。" in refusal(taken)
    assert "「<ID>????」" in refusal(taken)  # a free ID is suggested instead
