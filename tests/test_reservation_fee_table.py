"""Head office edits the 予約手数料 table in the admin area: checked beside each cell,
confirmed, audited before → after, used for the 予約 issued from then on."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from domain.reservations import SAMPLE_RESERVATION_FEES, check_fee_bands
from extensions import db
from models import AuditEntry, ReservationFeeTable
from operations.reservation_fees import fee_table_in_force
from operations.reservations import charge_for
from tests.builders import errors_beside, text_of, ticked

PAGE = "/admin/reservation-fees"


def _tables() -> int:
    return db.session.scalar(select(func.count()).select_from(ReservationFeeTable))


def test_the_rules_of_a_table_name_each_cell():
    good = [(10_000_000, 3_000), (None, 8_000), (None, None)]
    assert check_fee_bands(good) == {}
    assert check_fee_bands([(None, None)]) == {"bands": "予約手数料の行を1行以上入力してください。"}
    problems = check_fee_bands([(10_000_000, None), (5_000_000, 4_000), (9_000_000, 0)])
    assert problems == {
        "bands-0-fee": "予約手数料を入力してください。",
        "bands-1-upper": "上限額は前の行の上限額（10,000,000円）より大きくしてください。",
        "bands-2-upper": "最後の行の上限額は空欄（上限なし）にしてください。",
        "bands-2-fee": "予約手数料は1円以上で入力してください。",
    }
    assert "最後の行だけ" in check_fee_bands([(None, 3_000), (None, 5_000)])["bands-0-upper"]


@pytest.mark.rendered_form("admin.reservation_fees")
def test_head_office_sets_a_table_that_the_next_reservation_uses(web):
    web.log_in("hq")
    page = web.get("/admin/").click("予約手数料表")
    assert "サンプルデータ" in text_of(page.text, "in-force-title")
    form = page.forms["reservation-fee-form"]
    assert form["bands-0-upper"].value == "10,000,000" and form["bands-0-fee"].value == "3,000"
    assert form["bands-5-upper"].value == ""  # a row to add one
    form["bands-0-fee"] = "3,300"
    form["bands-3-upper"], form["bands-3-fee"] = "", ""  # the 500,000,000 band removed
    done = ticked(form).submit(status=303).follow()
    assert "予約手数料表を変更しました。" in done.text
    assert "サンプルデータ" not in text_of(done.text, "in-force-title")

    table = fee_table_in_force()
    assert table.bands == (
        (10_000_000, 3_300),
        (50_000_000, 5_000),
        (100_000_000, 8_000),
        (None, 20_000),
    )
    assert not table.is_sample and table.entry.set_by.login_id == "hq"
    charge = charge_for(5_000_000)
    assert (charge.fee, charge.tax, charge.is_sample) == (3_300, 330, False)
    assert charge.tax_rate == Decimal("0.10")
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "reservation_fees.set"))
    assert entry.detail.startswith("〜10,000,000円 3,000円、")
    assert "（サンプルデータ） → 〜10,000,000円 3,300円、" in entry.detail
    assert "〜10,000,000円 3,300円、〜50,000,000円 5,000円" in done.text  # the history

    web.reset()
    web.log_in("applicant")
    form_page = web.get("/applicant/reservations/new")
    assert "3,300円" in form_page.text and "予約手数料（サンプルデータ）" not in form_page.text


@pytest.mark.rendered_form("admin.reservation_fees")
@pytest.mark.parametrize(
    ("cells", "field", "message"),
    [
        ({"bands-0-fee": ""}, "bands-0-fee", "予約手数料を入力してください。"),
        ({"bands-1-upper": "5,000,000"}, "bands-1-upper", "（10,000,000円）より大きく"),
        ({"bands-4-upper": "900,000,000"}, "bands-4-upper", "空欄（上限なし）"),
        ({"bands-2-fee": "-1"}, "bands-2-fee", "マイナス"),
        ({"bands-2-fee": "abc"}, "bands-2-fee", "数字"),
    ],
)
def test_a_bad_cell_is_refused_beside_it_and_nothing_changes(web, cells, field, message):
    web.log_in("hq")
    form = web.get(PAGE).forms["reservation-fee-form"]
    for name, value in cells.items():
        form[name] = value
    page = ticked(form).submit(status=422)
    assert message in errors_beside(page.text, field)
    assert _tables() == 0 and fee_table_in_force().bands == SAMPLE_RESERVATION_FEES


def test_an_unticked_box_or_an_unchanged_table_saves_nothing(web):
    web.log_in("hq")
    form = web.get(PAGE).forms["reservation-fee-form"]
    form["bands-0-fee"] = "3,300"
    page = form.submit(status=422)
    assert "チェックを入れてください" in page.text
    same = ticked(web.get(PAGE).forms["reservation-fee-form"]).submit(status=422)
    assert "現在の予約手数料表と同じです" in same.text
    assert _tables() == 0


def test_a_table_changed_meanwhile_is_not_overwritten(web):
    web.log_in("hq")
    first = web.get(PAGE).forms["reservation-fee-form"]
    second = web.get(PAGE).forms["reservation-fee-form"]
    first["bands-0-fee"] = "3,300"
    ticked(first).submit(status=303)
    second["bands-0-fee"] = "3,500"
    page = ticked(second).submit(status=422)
    assert "別の画面で更新されています" in page.text
    assert fee_table_in_force().bands[0] == (10_000_000, 3_300)


def test_branch_staff_outside_head_office_cannot_set_it(client, login_as, post):
    login_as("branch")
    assert client.get(PAGE).status_code == 403
    assert (
        post(PAGE, {"bands-0-upper": "", "bands-0-fee": "1", "confirmed": "yes"}).status_code == 403
    )
    assert _tables() == 0
