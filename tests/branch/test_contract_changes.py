"""After issuance: changes as new versions, hidden corrections and undos, cancellation,
key reissue, and the audit trail."""

from datetime import date

import pytest
from sqlalchemy import select

from domain.kinds import GuaranteeKind
from extensions import db
from models import ContractStatus, GuaranteeContract, OutboxMail
from operations.keys import key_opens, reveal_key


@pytest.fixture
def advance(client, login_as, post, sent) -> GuaranteeContract:
    """The demo application's advance guarantee, issued on 2026-11-25 (76,438円)."""
    login_as("branch")
    client.get(f"/branch/applications/{sent.id}")
    post(f"/branch/applications/{sent.id}/issue", {"revision": sent.revision})
    return db.session.scalar(
        select(GuaranteeContract).where(
            GuaranteeContract.application_id == sent.id,
            GuaranteeContract.kind == GuaranteeKind.ADVANCE,
        )
    )


def _change(post, contract, **data):
    return post(f"/branch/contracts/{contract.id}/changes", {"revision": contract.revision, **data})


def test_an_increase_is_version_change_1_with_its_additional_fee(client, post, advance):
    response = _change(post, advance, kind="increase", new_amount="25,000,000")
    assert response.status_code == 303
    assert advance.amount == 25_000_000
    new, change = advance.versions
    assert (new.label, change.label, change.visible) == ("新規", "変更-1", True)
    assert change.snapshot["amount"] == 25_000_000 and new.snapshot["amount"] == 20_000_000
    assert change.fee_difference == 19_109  # 5,000,000 × 0.45% × 310 / 365
    page = client.get(f"/branch/contracts/{advance.id}").text
    assert "変更-1" in page and "追加 19,109円" in page
    mail = db.session.scalar(
        select(OutboxMail).where(OutboxMail.subject_type == "GuaranteeContract")
    )
    assert "増額" in mail.body_text and "追加保証料：19,109円" in mail.body_text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "decrease", "new_amount": "-1"}, "マイナスの金額は入力できません。"),
        ({"kind": "decrease", "new_amount": "0"}, "金額は1円以上で入力してください。"),
        ({"kind": "increase", "new_amount": "60,000,000"}, "請負金額（50,000,000円）以下"),
        ({"kind": "decrease", "new_amount": "25,000,000"}, "より小さい額"),
        ({"kind": "extension", "new_end": "2026-11-01"}, "着工日以降の日付"),
        ({"kind": "extension", "new_end": "2026-13-01"}, "日付（例：2026-04-01）"),
        ({"kind": "nonsense"}, ""),
    ],
)
def test_bad_changes_are_refused_beside_the_field(post, advance, data, message):
    revision = advance.revision
    response = _change(post, advance, **data)
    assert response.status_code == 422
    assert message in response.text
    assert advance.revision == revision and len(advance.versions) == 1


def test_corrections_and_undos_are_hidden_from_the_history_but_change_the_content(
    client, post, advance
):
    _change(post, advance, kind="extension", new_end="2027-10-31")
    _change(post, advance, kind="correction", new_amount="20,000,000", new_end="2027-10-30")
    assert advance.guarantee_end == date(2027, 10, 30)
    assert [v.label for v in advance.visible_versions] == ["新規", "変更-1"]
    post(f"/branch/contracts/{advance.id}/undo", {"revision": advance.revision})
    assert (
        "取り消せる変更がありません"
        in client.get(
            post(f"/branch/contracts/{advance.id}/undo", {"revision": advance.revision}).location
        ).text
    )  # the latest version is a correction, not a change
    _change(post, advance, kind="increase", new_amount="21,000,000")
    post(f"/branch/contracts/{advance.id}/undo", {"revision": advance.revision})
    assert advance.amount == 20_000_000
    assert [v.label for v in advance.versions] == ["新規", "変更-1", "訂正", "変更-2", "変更取消"]
    assert [v.label for v in advance.visible_versions] == ["新規", "変更-1"]  # 変更-2 undone
    assert advance.visible_versions[-1].snapshot["amount"] == 20_000_000
    assert advance.versions[-1].fee_difference == -advance.versions[-2].fee_difference
    audit = client.get(f"/branch/contracts/{advance.id}/audit").text
    for text in (
        "非表示",
        "訂正",
        "変更取消",
        "保証契約の発行",
        "電子保証（認証キー）発行完了のお知らせ",
    ):
        assert text in audit


def test_a_change_on_a_stale_page_is_refused(client, post, advance):
    stale = advance.revision
    _change(post, advance, kind="increase", new_amount="21,000,000")
    response = post(
        f"/branch/contracts/{advance.id}/changes",
        {"revision": stale, "kind": "increase", "new_amount": "30,000,000"},
    )
    assert "この保証契約は別の画面で更新されています" in client.get(response.location).text
    assert advance.amount == 21_000_000


def test_a_reissued_key_replaces_the_old_one_at_once(post, advance):
    old = reveal_key(advance)
    post(f"/branch/contracts/{advance.id}/reissue-key", {"revision": advance.revision})
    new = reveal_key(advance)
    assert new != old
    assert key_opens(advance, new) and not key_opens(advance, old)


def test_a_cancelled_contract_takes_no_more_changes(client, post, advance):
    post(
        f"/branch/contracts/{advance.id}/cancel",
        {"revision": advance.revision, "reason": "契約解除"},
    )
    assert advance.status is ContractStatus.CANCELLED
    response = _change(post, advance, kind="increase", new_amount="21,000,000")
    assert "解約の保証契約にはこの操作はできません。" in client.get(response.location).text
    assert any(
        m.subject.endswith("保証契約の解約のお知らせ")
        for m in db.session.scalars(select(OutboxMail))
    )


def test_another_branchs_contract_answers_404(client, login_as, post, advance, foreign):
    login_as("aomori")
    assert client.get(f"/branch/contracts/{advance.id}").status_code == 404
    assert _change(post, advance, kind="increase", new_amount="21,000,000").status_code == 404
    assert client.get(f"/branch/contracts/{advance.id}/audit").status_code == 404
    assert advance.number not in client.get("/branch/contracts").text
