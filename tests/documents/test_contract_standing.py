"""What the contractor and the branch see after a 訂正, a 変更取消, a 解約 and the 保証期限:
the visible versions with their current content, the key notice withdrawn, 期限満了."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from domain.changes import RequestedChange, VersionKind
from domain.identifiers import key_groups
from extensions import db
from models import Application, GuaranteeContract, StoredDocument
from operations.contract_changes import cancel_contract, change_contract, undo_last_change
from operations.keys import reveal_key
from tests.conftest import ISSUED_WORK


@pytest.fixture(autouse=True)
def fixed_time(clock):
    return clock


@pytest.fixture
def contracts(world) -> list[GuaranteeContract]:
    """The demo's issued 前払金保証 (9,600,000円) and 契約保証 (2,400,000円), both 電子保証."""
    return db.session.scalars(
        select(GuaranteeContract)
        .join(Application)
        .where(Application.work_name == ISSUED_WORK)
        .order_by(GuaranteeContract.id)
    ).all()


@pytest.fixture
def contract(contracts) -> GuaranteeContract:
    return contracts[0]


@pytest.fixture
def act(app, login_as):
    def run(operation, contract, *args, **kwargs):
        branch = login_as("branch")
        with app.test_request_context():
            result = operation(branch, contract, contract.revision, *args, **kwargs)
            db.session.commit()
        return result

    return run


def _history(page: str) -> str:
    return page.split("<tbody>")[1].split("</tbody>")[0]


def test_the_contractor_sees_the_undone_change_nowhere(client, login_as, contract, act):
    act(change_contract, contract, RequestedChange(VersionKind.DECREASE, new_amount=9_000_000))
    act(change_contract, contract, RequestedChange(VersionKind.DECREASE, new_amount=8_000_000))
    act(undo_last_change, contract)
    login_as("applicant")
    page = client.get(f"/applicant/contracts/{contract.id}").text
    history = _history(page)
    assert "変更-1" in history and "変更-2" not in history and "変更取消" not in history
    tab = client.get("/applicant/contracts?tab=history").text
    assert "変更-1" in tab and "変更-2" not in tab
    for hidden in (3, 4):  # the undone 変更-2 and the 変更取消
        url = f"/applicant/contracts/{contract.id}/versions/{hidden}"
        assert client.get(url).status_code == 404
        assert client.get(f"{url}/certificate.pdf").status_code == 404
        assert client.get(f"{url}/fee-difference.pdf").status_code == 404
    certificate = client.get(f"/applicant/contracts/{contract.id}/versions/2").text
    assert "9,000,000円" in certificate and "変更-1" in certificate
    login_as("branch")
    branch_history = client.get(f"/branch/contracts/{contract.id}").text.split("<tbody>")[1]
    assert "変更-2" not in branch_history.split("</tbody>")[0]


def test_a_correction_shows_under_its_label_with_a_new_pdf_and_the_old_one_kept(
    client, login_as, contract, act
):
    act(change_contract, contract, RequestedChange(VersionKind.DECREASE, new_amount=9_000_000))
    login_as("applicant")
    url = f"/applicant/contracts/{contract.id}/versions/2/certificate.pdf"
    issued = client.get(url).data
    correction = RequestedChange(
        VersionKind.CORRECTION, new_amount=8_900_000, new_end=contract.guarantee_end
    )
    act(change_contract, contract, correction, reason="誤記訂正")
    login_as("applicant")
    page = client.get(f"/applicant/contracts/{contract.id}/versions/2").text
    assert "8,900,000円" in page and "訂正" not in page.replace("訂正、変更取消された履歴", "")
    corrected = client.get(url)
    assert corrected.data != issued
    assert "%E8%A8%82%E6%AD%A3" not in corrected.headers["Content-Disposition"]  # 訂正
    names = db.session.scalars(select(StoredDocument.name)).all()
    assert len(names) == 2  # the 変更-1 as issued stays kept beside the corrected one
    name = f"certificate/{contract.versions[1].id}"
    kept = db.session.scalar(select(StoredDocument).where(StoredDocument.name == name))
    assert kept.content == issued


def test_a_cancelled_contract_no_longer_offers_its_key(app, client, login_as, contract, act, clock):
    with app.test_request_context():
        key = reveal_key(contract)
    clock.now = datetime(2026, 11, 25, 16, 30, tzinfo=UTC)  # 2026-11-26 01:30 in Japan
    act(cancel_contract, contract, "工事中止のため")
    login_as("applicant")
    assert client.get(f"/applicant/contracts/{contract.id}/key-notice.pdf").status_code == 404
    page = client.get(f"/applicant/contracts/{contract.id}").text
    assert "解約" in page and "2026/11/26 01:30" in page
    assert key_groups(key) not in page and key not in page and "key-notice.pdf" not in page
    keys_tab = client.get("/applicant/contracts?tab=keys").text
    assert "解約" in keys_tab


def test_the_application_follows_its_cancelled_guarantees(client, login_as, contracts, act):
    application_id = contracts[0].application_id
    act(cancel_contract, contracts[0], "工事中止のため")
    login_as("applicant")
    assert "一部解約" in client.get(f"/applicant/applications/{application_id}").text
    listed = client.get("/applicant/applications").text
    assert "解約" in listed and "発行済" in listed  # per guarantee: one cancelled, one issued
    act(cancel_contract, contracts[1], "工事中止のため")
    login_as("applicant")
    page = client.get(f"/applicant/applications/{application_id}").text
    heading = page.split("<h1>")[1].split("</h1>")[0]
    assert "解約" in heading and "一部解約" not in heading and "発行済" not in heading
    login_as("branch")
    assert "解約" in client.get(f"/branch/applications/{application_id}").text


def test_after_the_guarantee_end_every_party_reads_expired(
    client, login_as, post, contract, clock, app
):
    with app.test_request_context():
        key = reveal_key(contract)
    login_as("verifier")
    post("/verifier/", {"number": contract.number, "key": key})
    assert "期限満了" not in client.get(f"/verifier/certificates/{contract.id}").text
    end = contract.guarantee_end
    # the day after the 保証期限 begins at midnight in Japan (15:00 UTC the day before)
    clock.now = datetime(end.year, end.month, end.day, 14, 59, tzinfo=UTC)
    login_as("applicant")
    assert "期限満了" not in client.get(f"/applicant/contracts/{contract.id}").text
    clock.now += timedelta(minutes=1)
    assert "期限満了" in client.get(f"/applicant/contracts/{contract.id}").text
    assert "期限満了" in client.get("/applicant/contracts").text
    login_as("verifier")
    post("/verifier/", {"number": contract.number, "key": key})
    page = client.get(f"/verifier/certificates/{contract.id}").text
    assert "期限満了" in page and "有効" not in page.split("<h1>")[1].split("</h1>")[0]
    assert "期限満了" in client.get("/verifier/checked").text
    login_as("branch")
    assert "期限満了" in client.get("/branch/contracts").text
    assert "期限満了" in client.get(f"/branch/contracts/{contract.id}").text
