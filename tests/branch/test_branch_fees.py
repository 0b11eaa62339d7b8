"""The fee schedule: sample rates on screen, edits kept as history, bad rates refused."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from domain.kinds import GuaranteeKind, OrdererCategory
from extensions import db
from models import FeeRateEntry, GuaranteeContract
from operations.fees import current_rates

URL = "/branch/fees/advance/municipality"


def _current() -> FeeRateEntry:
    return current_rates()[(GuaranteeKind.ADVANCE, OrdererCategory.MUNICIPALITY)]


def test_the_schedule_shows_every_pair_marked_as_sample_data(client, login_as):
    login_as("branch")
    page = client.get("/branch/fees").text
    assert "サンプルデータ" in page
    assert "年0.45%" in page and "年0.55%" in page
    assert page.count("変更・履歴") == len(GuaranteeKind) * len(OrdererCategory)


@pytest.mark.rendered_form("branch.edit_fee")
def test_an_edit_adds_an_entry_and_keeps_the_one_before(web):
    web.log_in("branch")
    before = _current()
    form = web.get(URL).forms["fee-edit"]
    form["annual_rate"], form["minimum_fee"] = "０．５", "6,000円"
    form.submit(status=303)
    after = _current()
    assert (after.annual_rate, after.minimum_fee, after.is_sample) == (
        Decimal("0.005"),
        6000,
        False,
    )
    assert after.replaces_id == before.id and after.set_by.login_id == "branch"
    assert db.session.get(FeeRateEntry, before.id).annual_rate == Decimal("0.0045")
    history = web.get(URL).text
    assert "審査 一郎" in history
    assert "年0.45%・最低 5,000円" in history and "年0.5%・最低 6,000円" in history


@pytest.mark.parametrize(
    ("rate", "minimum", "message"),
    [
        ("-0.1", "5000", "年率に負の値は設定できません。"),
        ("12", "5000", "年率が大きすぎます。年10%以下で入力してください。"),
        ("abc", "5000", "年率は数字で入力してください"),
        ("0.123456", "5000", "小数点以下4桁まで"),
        ("", "5000", "年率を入力してください。"),
        ("0.5", "-1", "最低保証料に負の値は設定できません。"),
        ("0.5", "5.5", "円単位の整数"),
        ("0.5", "99999999", "最低保証料は1,000,000円以下"),
    ],
)
def test_bad_rates_are_refused_beside_the_field(client, login_as, post, rate, minimum, message):
    login_as("branch")
    before = _current()
    response = post(URL, {"based_on": before.id, "annual_rate": rate, "minimum_fee": minimum})
    assert response.status_code == 422
    assert message in response.text
    assert db.session.scalar(select(func.count()).select_from(FeeRateEntry)) == 12


def test_an_edit_based_on_an_old_rate_is_refused(client, login_as, post):
    login_as("branch")
    before = _current()
    post(URL, {"based_on": before.id, "annual_rate": "0.5", "minimum_fee": "5000"})
    response = post(URL, {"based_on": before.id, "annual_rate": "0.6", "minimum_fee": "5000"})
    assert response.status_code == 422
    assert "別の画面で更新されています" in response.text
    assert _current().annual_rate == Decimal("0.005")


def test_unknown_pairs_are_not_found(client, login_as):
    login_as("branch")
    assert client.get("/branch/fees/loan/municipality").status_code == 404


def test_an_issued_guarantee_keeps_the_rate_it_was_issued_with(client, login_as, post, sent):
    login_as("branch")
    client.get(f"/branch/applications/{sent.id}")
    post(f"/branch/applications/{sent.id}/issue", {"revision": sent.revision, "confirmed": "yes"})
    issued = db.session.scalars(
        select(GuaranteeContract).where(GuaranteeContract.application_id == sent.id)
    ).all()
    post(URL, {"based_on": _current().id, "annual_rate": "1", "minimum_fee": "5000"})
    advance = next(c for c in issued if c.kind is GuaranteeKind.ADVANCE)
    db.session.refresh(advance)
    assert advance.annual_rate == Decimal("0.0045") and advance.fee == 76_438
    assert f"{advance.fee:,}円" in client.get(f"/branch/contracts/{advance.id}").text
