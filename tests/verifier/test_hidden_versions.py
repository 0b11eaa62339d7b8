"""The orderer never sees a 訂正 or a 変更取消: a correction shows under the label it corrects,
an undone change is gone, and the first view stamps the version the orderer can see."""

import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from domain.changes import RequestedChange, VersionKind
from extensions import db
from models import AuditEntry, VersionConfirmation
from operations.contract_changes import change_contract, undo_last_change


@pytest.fixture
def act(app, login_as):
    """Run a branch operation on a contract and commit, as the branch's request would."""

    def run(operation, contract, *args, **kwargs):
        branch = login_as("branch")
        with app.test_request_context():
            result = operation(branch, contract, contract.revision, *args, **kwargs)
            db.session.commit()
        return result

    return run


def _decrease(act, contract, amount):
    return act(change_contract, contract, RequestedChange(VersionKind.DECREASE, new_amount=amount))


def _correct(act, contract, amount):
    correction = RequestedChange(
        VersionKind.CORRECTION, new_amount=amount, new_end=contract.guarantee_end
    )
    return act(change_contract, contract, correction, reason="誤記訂正")


def _open(client, login_as, look_up, contract, key):
    login_as("verifier")
    look_up(contract.number, key)
    return client.get(f"/verifier/certificates/{contract.id}")


def _labels_shown(page: str) -> str:
    """The page without the seed's help line that names what is hidden."""
    return re.sub("訂正[、・]変更取消された履歴", "", page)


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_correction_shows_as_the_version_it_corrects(
    client, login_as, look_up, contract, key, act
):
    _decrease(act, contract, 9_000_000)
    correction = _correct(act, contract, 8_900_000)
    response = _open(client, login_as, look_up, contract, key)
    assert response.status_code == 200
    assert "訂正" not in _labels_shown(response.text)
    assert "変更-1" in response.text and "8,900,000円" in response.text
    assert "9,000,000円" not in response.text
    # the stamp lands on 変更-1, the version the orderer can see
    changed = contract.versions[1]
    assert changed.label == "変更-1" and changed.confirmation is not None
    # the hidden version cannot be asked for by its number
    hidden = client.get(f"/verifier/certificates/{contract.id}/versions/{correction.seq}")
    assert hidden.status_code == 404
    pdf = client.get(f"/verifier/certificates/{contract.id}/versions/{changed.seq}/pdf")
    assert "変更-1" in pdf.headers["Content-Disposition"].replace("%E5%A4%89%E6%9B%B4-1", "変更-1")
    assert "%E8%A8%82%E6%AD%A3" not in pdf.headers["Content-Disposition"]  # 訂正
    text = _pdf_text(pdf.data)
    assert "8,900,000" in text and "訂正" not in text and "変更-1" in text


def test_an_undone_change_is_gone_from_the_orderers_view(
    client, login_as, look_up, contract, key, act
):
    _decrease(act, contract, 9_000_000)
    undone = _decrease(act, contract, 8_000_000)
    act(undo_last_change, contract)
    page = _labels_shown(_open(client, login_as, look_up, contract, key).text)
    assert "変更-1" in page and "9,000,000円" in page
    assert "変更-2" not in page and "8,000,000円" not in page and "変更取消" not in page
    for hidden in (undone.seq, undone.seq + 1):  # the undone 変更-2 and the 変更取消
        url = f"/verifier/certificates/{contract.id}/versions/{hidden}"
        assert client.get(url).status_code == 404
        assert client.get(f"{url}/pdf").status_code == 404
    assert contract.versions[1].confirmation is not None


def test_a_correction_after_the_view_keeps_the_stamp_and_is_seen_again(
    client, login_as, look_up, contract, key, act, clock
):
    _open(client, login_as, look_up, contract, key)
    stamped = contract.versions[0].confirmation.first_viewed_at
    clock.now += timedelta(hours=1)
    correction = _correct(act, contract, 9_500_000)
    page = _open(client, login_as, look_up, contract, key).text
    assert "9,500,000円" in page and "訂正" not in _labels_shown(page)
    assert contract.versions[0].confirmation.first_viewed_at == stamped
    assert correction.confirmation is not None  # the corrected content reached the orderer
    seen_again = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "certificate.seen_again")
    ).all()
    assert len(seen_again) == 1 and "新規" in seen_again[0].detail
    assert "訂正" not in seen_again[0].detail
    checked = client.get("/verifier/checked").text
    assert "新規" in checked and "訂正" not in checked


def test_the_checked_list_names_the_visible_version_and_flags_a_later_correction(
    client, login_as, look_up, contract, key, act
):
    _decrease(act, contract, 9_000_000)
    _correct(act, contract, 8_900_000)
    _open(client, login_as, look_up, contract, key)
    checked = client.get("/verifier/checked").text
    assert "変更-1" in checked and "訂正" not in checked and "有効（変更なし）" in checked
    _correct(act, contract, 8_800_000)
    login_as("verifier")
    checked = client.get("/verifier/checked").text
    assert "変更あり" in checked and "訂正" not in checked
    assert len(db.session.scalars(select(VersionConfirmation)).all()) == 2
