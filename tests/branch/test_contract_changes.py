"""After issuance: changes as new versions, hidden corrections and undos, cancellation,
key reissue, and the audit trail — driven through the forms the contract page renders."""

from datetime import date

import pytest
from sqlalchemy import select

from domain.kinds import GuaranteeKind
from extensions import db
from models import ContractStatus, GuaranteeContract, OutboxMail
from operations.keys import key_opens, reveal_key
from tests.builders import ticked


@pytest.fixture
def advance(web, sent) -> GuaranteeContract:
    """The demo application's advance guarantee, issued on 2026-11-25 (76,438円) through the
    review page; the branch user stays logged in to `web`."""
    web.log_in("branch")
    ticked(web.get(f"/branch/applications/{sent.id}").forms["issue"]).submit().follow()
    return db.session.scalar(
        select(GuaranteeContract).where(
            GuaranteeContract.application_id == sent.id,
            GuaranteeContract.kind == GuaranteeKind.ADVANCE,
        )
    )


def _page(web, contract):
    return web.get(f"/branch/contracts/{contract.id}")


def _change(web, contract, status=303, **fields):
    """Fill the change form as rendered and submit it."""
    form = _page(web, contract).forms["change"]
    for name, value in fields.items():
        form[name] = value
    return form.submit(status=status)


@pytest.mark.rendered_form("branch.change")
def test_an_increase_is_version_change_1_with_its_additional_fee(web, advance):
    page = _change(
        web, advance, kind="increase", new_amount="25,000,000", new_contract_price="62,500,000"
    ).follow()
    assert "変更-1（増額）を発行しました。" in page.text
    assert advance.amount == 25_000_000
    new, change = advance.versions
    assert (new.label, change.label, change.visible) == ("新規", "変更-1", True)
    assert change.snapshot["amount"] == 25_000_000 and new.snapshot["amount"] == 20_000_000
    assert change.fee_difference == 19_109  # 5,000,000 × 0.45% × 310 / 365
    assert "追加 19,109円" in page.text
    mail = db.session.scalar(
        select(OutboxMail).where(OutboxMail.subject_type == "GuaranteeContract")
    )
    assert "増額" in mail.body_text and "追加保証料：19,109円" in mail.body_text


def test_the_change_form_carries_one_revision_the_contracts(web, advance):
    form = _page(web, advance).forms["change"]
    assert [field.value for field in form.fields["revision"]] == [str(advance.revision)]


@pytest.mark.rendered_form("branch.change")
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "decrease", "new_amount": "-1"}, "マイナスの金額は入力できません。"),
        ({"kind": "decrease", "new_amount": "0"}, "金額は1円以上で入力してください。"),
        ({"kind": "increase", "new_amount": "60,000,000"}, "請負金額（50,000,000円）以下"),
        # 4/10 of the 請負金額 is the advance's ceiling, on a change as on the application.
        (
            {"kind": "increase", "new_amount": "24,000,000"},
            "前払金保証金額は請負金額の40%（20,000,000円）以下にしてください。",
        ),
        ({"kind": "decrease", "new_amount": "25,000,000"}, "より小さい額"),
        ({"kind": "extension", "new_end": "2026-11-01"}, "着工日以降の日付"),
        ({"kind": "extension", "new_end": "2026-13-01"}, "日付（例：2026/04/01）"),
        ({"kind": "extension", "new_end": "2027-10-31"}, "工期の完成日（2027/09/30）以前"),
        (
            {"kind": "extension", "new_end": "2027-10-31", "new_work_end": "2027-10-30"},
            "工期の完成日（2027/10/30）以前",
        ),
        ({"kind": "contract_facts"}, "変更後の請負金額または工期を入力してください。"),
        (
            {"kind": "contract_facts", "new_work_start": "2027-10-01"},
            "完成日は着工日（2027/10/01）以降",
        ),
        ({"kind": "contract_facts", "new_contract_price": "0"}, "1円以上"),
        (
            {"kind": "contract_facts", "new_contract_price": "19,999,999"},
            "保証金額（20,000,000円）以上",
        ),
    ],
)
def test_bad_changes_are_refused_beside_the_field(web, advance, fields, message):
    revision = advance.revision
    response = _change(web, advance, status=422, **fields)
    assert message in response.text
    assert advance.revision == revision and len(advance.versions) == 1


@pytest.mark.rendered_form("branch.change")
def test_an_increase_may_rest_on_a_new_contract_price(web, advance):
    _change(web, advance, kind="increase", new_amount="24,000,000", new_contract_price="60,000,000")
    assert advance.amount == 24_000_000
    assert advance.versions[-1].snapshot["contract_price"] == 60_000_000
    assert advance.versions[0].snapshot["contract_price"] == 50_000_000


@pytest.mark.rendered_form("branch.change")
def test_a_change_of_the_contract_price_alone_needs_no_guarantee_change(web, advance):
    page = _change(web, advance, kind="contract_facts", new_contract_price="80,000,000").follow()
    assert "変更-1（請負契約の変更）を発行しました。" in page.text
    change = advance.versions[-1]
    assert (change.label, change.fee_difference) == ("変更-1", 0)
    assert (advance.amount, advance.contract_price) == (20_000_000, 80_000_000)
    certificate = web.get(f"/branch/contracts/{advance.id}/versions/{change.seq}").text
    assert "80,000,000円" in certificate and "50,000,000円" not in certificate


@pytest.mark.rendered_form("branch.change")
def test_an_extension_with_the_longer_work_period_shows_both_on_the_certificate(web, advance):
    _change(web, advance, kind="extension", new_end="2027-10-31", new_work_end="2027-10-31")
    assert (advance.guarantee_end, advance.work_end) == (date(2027, 10, 31), date(2027, 10, 31))
    new, change = advance.versions
    assert (new.snapshot["work_end"], change.snapshot["work_end"]) == (
        "2027-09-30",
        "2027-10-31",
    )
    certificate = web.get(f"/branch/contracts/{advance.id}/versions/{change.seq}").text
    assert "令和9年10月31日" in certificate and "令和9年9月30日" not in certificate


@pytest.mark.rendered_form("branch.change", "branch.undo")
def test_corrections_and_undos_are_hidden_from_the_history_but_change_the_content(web, advance):
    _change(web, advance, kind="extension", new_end="2027-10-31", new_work_end="2027-10-31")
    _change(web, advance, kind="correction", new_amount="20,000,000", new_end="2027-10-30")
    assert advance.guarantee_end == date(2027, 10, 30)
    assert [v.label for v in advance.visible_versions] == ["新規", "変更-1"]
    # The latest version is a correction, not a change: nothing to undo, no undo form.
    assert "undo" not in _page(web, advance).forms
    _change(web, advance, kind="contract_facts", new_contract_price="60,000,000")
    _change(web, advance, kind="increase", new_amount="21,000,000")
    page = _page(web, advance).forms["undo"].submit().follow()
    assert "直前の変更を取り消しました。" in page.text
    assert (advance.amount, advance.contract_price) == (20_000_000, 60_000_000)
    assert [v.label for v in advance.versions] == [
        "新規", "変更-1", "訂正", "変更-2", "変更-3", "変更取消",
    ]  # fmt: skip
    assert advance.versions[-1].snapshot["contract_price"] == 60_000_000
    assert [v.label for v in advance.visible_versions] == ["新規", "変更-1", "変更-2"]
    assert advance.visible_versions[-1].snapshot["amount"] == 20_000_000  # 変更-3 undone
    assert advance.versions[-1].fee_difference == -advance.versions[-2].fee_difference
    audit = web.get(f"/branch/contracts/{advance.id}/audit").text
    for text in (
        "非表示",
        "訂正",
        "変更取消",
        "保証契約の発行",
        "電子保証（認証キー）発行完了のお知らせ",
    ):
        assert text in audit


@pytest.mark.rendered_form("branch.undo")
def test_undoing_a_change_of_contract_facts_puts_the_facts_back(web, advance):
    _change(web, advance, kind="contract_facts", new_work_end="2027-12-31")
    _page(web, advance).forms["undo"].submit()
    assert advance.work_end == date(2027, 9, 30)
    assert advance.versions[-1].snapshot["work_end"] == "2027-09-30"


def test_a_change_on_a_stale_page_is_refused(web, advance):
    stale = _page(web, advance).forms["change"]
    _change(web, advance, kind="decrease", new_amount="19,000,000")
    stale["kind"], stale["new_amount"] = "decrease", "18,000,000"
    assert "この保証契約は別の画面で更新されています" in stale.submit().follow().text
    assert advance.amount == 19_000_000


@pytest.mark.rendered_form("branch.reissue")
def test_a_reissued_key_replaces_the_old_one_at_once(web, advance):
    old = reveal_key(advance)
    page = ticked(_page(web, advance).forms["reissue-key"]).submit().follow()
    assert "認証キーを再発行しました。" in page.text
    new = reveal_key(advance)
    assert new != old
    assert key_opens(advance, new) and not key_opens(advance, old)


@pytest.mark.rendered_form("branch.cancel")
def test_a_cancelled_contract_takes_no_more_changes(web, advance):
    stale = _page(web, advance).forms["change"]
    form = ticked(_page(web, advance).forms["cancel"])
    form["reason"] = "契約解除"
    assert "保証契約を解約しました。" in form.submit().follow().text
    assert advance.status is ContractStatus.CANCELLED
    assert "change" not in _page(web, advance).forms
    stale["kind"], stale["new_amount"] = "decrease", "19,000,000"
    stale["revision"] = str(advance.revision)  # even as fresh as can be
    assert "解約の保証契約にはこの操作はできません。" in stale.submit().follow().text
    assert any(
        m.subject.endswith("保証契約の解約のお知らせ")
        for m in db.session.scalars(select(OutboxMail))
    )


def test_a_forged_kind_is_refused(client, login_as, post, advance):
    login_as("branch")
    response = post(
        f"/branch/contracts/{advance.id}/changes",
        {"revision": advance.revision, "kind": "nonsense", "new_amount": "21,000,000"},
    )
    assert response.status_code == 422 and len(advance.versions) == 1


def test_another_branchs_contract_answers_404(client, login_as, post, advance, foreign):
    login_as("aomori")
    assert client.get(f"/branch/contracts/{advance.id}").status_code == 404
    response = post(
        f"/branch/contracts/{advance.id}/changes",
        {"revision": advance.revision, "kind": "increase", "new_amount": "21,000,000"},
    )
    assert response.status_code == 404
    assert client.get(f"/branch/contracts/{advance.id}/audit").status_code == 404
    assert advance.number not in client.get("/branch/contracts").text
