"""電子証書の確認: number + key opens the certificate for its orderer, and for no one else."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from blueprints.filters import jst
from extensions import db
from models import AuditEntry, LookupAttempt, LookupOutcome, VersionConfirmation
from operations.contract_changes import reissue_key
from operations.verification import NOT_FOUND


def _spaced(key: str) -> str:
    return f" {key[:4]}-{key[4:8]}-{key[8:]} "


def test_number_and_key_open_the_certificate(client, login_as, look_up, contract, key):
    login_as("verifier")
    response = look_up(f"{contract.number} ", _spaced(key))
    assert response.status_code == 303
    assert response.location == f"/verifier/certificates/{contract.id}"
    page = client.get(response.location).text
    assert "保証証券 (前払金保証)" in page and contract.number in page
    assert "有効" in page and "大仙市が確認" in page


@pytest.mark.rendered_form("verifier.lookup", "verifier.check")
def test_the_verifier_opens_and_cross_checks_through_the_pages(web, contract, key):
    web.log_in("verifier")
    lookup = web.form_to(web.get("/verifier/"), "/verifier/")
    lookup["number"], lookup["key"] = contract.number, _spaced(key)
    certificate = lookup.submit(status=303).follow()
    assert "保証証券 (前払金保証)" in certificate.text and contract.number in certificate.text
    check = web.form_to(certificate, f"/verifier/certificates/{contract.id}/cross-check")
    check["work_name"], check["contract_price"] = "別の工事", "1"
    checked = check.submit().text
    assert "工事名が一致しません" in checked and "請負金額が一致しません" in checked


@pytest.mark.rendered_form("verifier.lookup")
def test_a_mistyped_key_is_answered_beside_the_form(web, contract, key):
    web.log_in("verifier")
    lookup = web.form_to(web.get("/verifier/"), "/verifier/")
    slip = ("a" if key[0] != "a" else "b") + key[1:]  # one character copied wrong
    lookup["number"], lookup["key"] = contract.number, slip
    answer = lookup.submit(status=422).text
    assert "認証キーの入力に誤りがあるようです。もう一度ご確認ください。" in answer
    assert slip not in answer and slip[:4] not in answer  # the key typed is not echoed


def test_full_width_number_and_key_are_read_too(client, login_as, look_up, contract, key):
    login_as("verifier")
    full_width = contract.number.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
    assert (
        look_up(full_width, key.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})).status_code
        == 303
    )


@pytest.fixture
def revoked_key(app, contract, key, login_as):
    branch = login_as("branch")
    with app.test_request_context():
        reissue_key(branch, contract, contract.revision)
        db.session.commit()
    return key


def test_every_miss_gets_the_same_answer(client, login_as, look_up, contract, key, app):
    login_as("verifier")
    answers = [
        look_up("99999-999999", key),  # unknown number
        look_up(contract.number, "ABCDEFGHJKMf"),  # wrong key (its check character matches)
        look_up("not a number", "x"),  # nonsense
    ]
    login_as("verifier2")  # 秋田県: the right pair of another orderer's certificate
    answers.append(look_up(contract.number, key))
    # The same page whatever the miss, but for the number echoed back and the CSRF token.
    bodies = {
        re.sub(r'value="[^"]*"', "", response.text.split('<main id="main">')[1])
        for response in answers
    }
    assert {response.status_code for response in answers} == {422}
    assert len(bodies) == 1 and NOT_FOUND in bodies.pop()


def test_a_revoked_key_gets_the_same_answer(client, login_as, look_up, contract, revoked_key):
    login_as("verifier")
    response = look_up(contract.number, revoked_key)
    assert response.status_code == 422 and NOT_FOUND in response.text


def test_the_key_is_never_in_a_url_or_the_audit(client, login_as, look_up, contract, key):
    login_as("verifier")
    look_up(contract.number, key)
    look_up(contract.number, "WRNGKEYWRNGK")
    details = " ".join(db.session.scalars(select(AuditEntry.detail)))
    assert key not in details and "WRNGKEYWRNGK" not in details
    assert client.get(f"/verifier/?key={key}").status_code == 200  # GET never opens anything
    assert db.session.scalar(select(func.count()).select_from(LookupAttempt)) == 2


def test_five_wrong_keys_lock_the_contract_for_fifteen_minutes(
    client, login_as, look_up, contract, key, clock
):
    login_as("verifier")
    for _ in range(5):
        assert NOT_FOUND in look_up(contract.number, "WRNGKEYWRNGK").text
    locked = look_up(contract.number, key)
    assert locked.status_code == 422 and "一時的に停止しています" in locked.text
    login_as("verifier2")  # another orderer learns nothing: still "not found"
    assert NOT_FOUND in look_up(contract.number, key).text
    clock.now += timedelta(minutes=15)
    login_as("verifier")
    assert look_up(contract.number, key).status_code == 303
    outcomes = db.session.scalars(select(LookupAttempt.outcome).order_by(LookupAttempt.id)).all()
    assert outcomes.count(LookupOutcome.LOCKED) == 1


def test_the_branch_sees_the_lockout_and_the_check(client, login_as, look_up, contract, key):
    login_as("verifier")
    for _ in range(5):
        look_up(contract.number, "WRNGKEYWRNGK")
    login_as("branch")
    page = client.get(f"/branch/contracts/{contract.id}").text
    assert "ロック中" in page


def test_the_first_view_stamps_the_version_once(client, login_as, look_up, contract, key, clock):
    login_as("branch")
    assert "未確認" in client.get(f"/branch/contracts/{contract.id}").text
    login_as("verifier")
    look_up(contract.number, key)
    client.get(f"/verifier/certificates/{contract.id}")  # the certificate reaches the orderer
    first = clock.now
    clock.now += timedelta(minutes=5)
    client.get(f"/verifier/certificates/{contract.id}")
    stamps = db.session.scalars(select(VersionConfirmation)).all()
    assert len(stamps) == 1 and stamps[0].first_viewed_at == first
    login_as("branch")  # the branch sees the confirmation record: when, and by whom
    page = client.get(f"/branch/contracts/{contract.id}").text
    assert f"{jst(first)}（大仙市）" in page and "未確認" not in page


def test_the_certificate_stays_open_for_a_while_then_needs_the_key(
    client, login_as, look_up, contract, key, clock
):
    login_as("verifier")
    look_up(contract.number, key)
    clock.now += timedelta(minutes=29)
    assert client.get(f"/verifier/certificates/{contract.id}").status_code == 200
    clock.now += timedelta(minutes=2)
    assert client.get(f"/verifier/certificates/{contract.id}").status_code == 404


def test_without_a_lookup_the_certificate_is_not_found(client, login_as, contract):
    login_as("verifier")
    assert client.get(f"/verifier/certificates/{contract.id}").status_code == 404


def test_empty_fields_are_named(login_as, look_up):
    login_as("verifier")
    response = look_up("", "")
    assert response.status_code == 422
    assert "保証契約番号を入力してください。" in response.text
    assert "認証キーを入力してください。" in response.text


def test_the_lookup_is_rate_limited_per_user(login_as, look_up, rate_limits):
    login_as("verifier")
    statuses = [look_up("99999-999999", "ABCDEFGHJKMN").status_code for _ in range(31)]
    assert statuses[:30] == [422] * 30 and statuses[30] == 429


def test_checked_list_flags_a_change_since_the_last_check(
    app, client, login_as, look_up, contract, key
):
    from operations.contract_changes import cancel_contract

    login_as("verifier")
    look_up(contract.number, key)
    client.get(f"/verifier/certificates/{contract.id}")
    page = client.get("/verifier/checked").text
    assert contract.number in page and "有効（変更なし）" in page
    branch = login_as("branch")
    with app.test_request_context():
        cancel_contract(branch, contract, contract.revision, "工事中止のため")
        db.session.commit()
    login_as("verifier")
    assert "解約" in client.get("/verifier/checked").text


def test_the_cross_check_marks_what_disagrees(client, login_as, look_up, contract, key, post):
    login_as("verifier")
    look_up(contract.number, key)
    response = post(
        f"/verifier/certificates/{contract.id}/cross-check",
        {"work_name": "別の工事", "contract_price": "1", "amount": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section class="panel no-print" id="cross-check"')
    assert "工事名が一致しません" in response.text and "請負金額が一致しません" in response.text


def test_the_pdf_of_the_version_embeds_the_font(client, login_as, look_up, contract, key):
    import io

    from pypdf import PdfReader

    login_as("verifier")
    look_up(contract.number, key)
    response = client.get(f"/verifier/certificates/{contract.id}/versions/1/pdf")
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    text = reader.pages[0].extract_text()
    assert contract.number in text and "保証証券" in text and "令和" in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert any("IPAexGothic" in str(font.get_object()["/BaseFont"]) for font in fonts.values())


def test_the_first_view_is_audited_as_the_first_and_later_ones_as_views(
    client, login_as, look_up, contract, key
):
    login_as("verifier")
    certificate = look_up(contract.number, key).location
    client.get(certificate)
    client.get(certificate)
    actions = db.session.scalars(
        select(AuditEntry.action)
        .where(AuditEntry.action.like("certificate.%viewed"))
        .order_by(AuditEntry.id)
    ).all()
    assert actions == ["certificate.first_viewed", "certificate.viewed"]


def test_the_print_view_carries_the_facts_of_the_check_without_script(
    client, login_as, look_up, contract, key
):
    login_as("verifier")
    opened = look_up(contract.number, key)
    page = client.get(opened.location).text
    assert f'href="/verifier/certificates/{contract.id}?print=1"' in page  # a plain link
    facts = page.split('class="print-only"')[1].split("</dl>")[0]
    for expected in ("状態", "有効", "表示中の版", "新規", "電子保証発行日時", "大仙市が確認",
                     "印刷日時", "2026/11/25 09:00"):  # fmt: skip
        assert expected in facts, expected
    printable = client.get(f"{opened.location}?print=1").text
    assert "保証証券（印刷用の表示）" in printable and "印刷日時" in printable
    assert 'id="cross-check"' not in printable and contract.number in printable


def test_each_attempt_is_one_insert_and_its_audit_entry_comes_with_it(
    app, client, login_as, look_up, contract, key
):
    """The lookup writes one row per attempt; the database adds its audit entry (trigger)."""
    from sqlalchemy import event

    login_as("verifier")
    inserts = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT"):
            inserts.append(statement.split("(")[0].split()[-1])

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert look_up(contract.number, key).status_code == 303
        assert look_up(contract.number, "WRNGKEYWRNGK").status_code == 422
        assert look_up("99999-999999", key).status_code == 422
        slip = ("a" if key[0] != "a" else "b") + key[1:]
        assert look_up(contract.number, slip).status_code == 422  # a check-character slip
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert inserts.count("lookup_attempt") == 4
    assert "audit_entry" not in inserts
    rows = db.session.execute(
        select(AuditEntry.action, AuditEntry.detail, AuditEntry.subject_id, AuditEntry.user_id)
        .where(AuditEntry.subject_type == "LookupAttempt")
        .order_by(AuditEntry.id)
    ).all()
    attempts = db.session.scalars(select(LookupAttempt).order_by(LookupAttempt.id)).all()
    assert [(action, detail) for action, detail, _, _ in rows] == [
        ("certificate.lookup_opened", contract.number),
        ("certificate.lookup_failed", "認証キー誤り"),
        ("certificate.lookup_failed", "該当なし"),
        ("certificate.lookup_mistyped", "認証キー入力誤り（チェック文字）"),
    ]
    assert [(row.subject_id, row.user_id) for row in rows] == [
        (attempt.id, attempt.user_id) for attempt in attempts
    ]
