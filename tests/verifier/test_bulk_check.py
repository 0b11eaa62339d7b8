"""一括確認 from the clerk's side and the attacker's: one row back per line, each line a
lookup under the same lockout, nothing checked for a bad file, a bulk budget per orderer."""

import csv
import io
from datetime import timedelta

import pytest
import webtest
from sqlalchemy import func, select

from clock import now
from extensions import db
from models import BulkCheck, LookupAttempt, VersionConfirmation
from operations.verification import NOT_FOUND
from tests.api.conftest import _user

WRONG = "WRNGKEYWRNGK"  # well formed, its check character right: a plain miss


def _upload(web, data: bytes, status: int = 200, login: str = "verifier"):
    web.log_in(login)
    form = web.form_to(web.get("/verifier/bulk"), "/verifier/bulk")
    form["csv"] = webtest.Upload("保証一覧.csv", data, "text/csv")
    return form.submit(status=status)


def _rows(web, page) -> list[dict]:
    link = page.html.select_one("#bulk-result a[href]")["href"]
    download = web.get(link)
    assert download.body.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    assert download.headers["Cache-Control"] == "no-store"
    return list(csv.DictReader(io.StringIO(download.body.decode("utf-8-sig"))))


def _attempts() -> int:
    return db.session.scalar(select(func.count()).select_from(LookupAttempt))


def _csv(*rows) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.mark.rendered_form("verifier.bulk_check")
def test_right_wrong_and_mismatched_lines_each_get_their_row(web, contract, key):
    work = contract.application.work_name
    term = f"{contract.work_start}～{contract.work_end}"
    data = _csv(
        ["保証契約番号", "認証キー", "工事名", "請負金額", "工期", "保証金額"],
        [contract.number, key, work, f"{contract.contract_price:,}", term, contract.amount],
        [contract.number, key, "別の工事", "", "", str(contract.amount + 1)],
        [contract.number, WRONG],
        ["99999-999999", key],
    )
    page = _upload(web, data)
    assert "4行を確認しました" in page.text
    rows = _rows(web, page)
    assert [r["結果"] for r in rows] == [
        "確認できました",
        "不一致",
        "確認できません",
        "確認できません",
    ]
    assert [r["行"] for r in rows] == ["2", "3", "4", "5"]
    first, mismatch, wrong, unknown = rows
    assert first["状態"] == "有効" and first["版"] == "新規" and first["電子保証発行日時"]
    assert first["工事名（証券）"] == work and not first["不一致の内容"]
    assert "工事名が一致しません" in mismatch["不一致の内容"]
    assert "保証金額が一致しません" in mismatch["不一致の内容"]
    assert wrong["備考"] == NOT_FOUND == unknown["備考"] and not wrong["状態"]
    assert key not in web.get(page.html.select_one("#bulk-result a[href]")["href"]).text
    assert _attempts() == 4  # each line is one lookup
    assert db.session.scalar(select(VersionConfirmation)).orderer_id == (
        contract.application.orderer_id
    )


@pytest.mark.rendered_form("verifier.bulk_check")
def test_another_orderers_lines_are_not_confirmed(web, contract, key):
    rows = _rows(web, _upload(web, _csv([contract.number, key]), login="verifier2"))
    assert rows[0]["結果"] == "確認できません" and rows[0]["備考"] == NOT_FOUND
    assert db.session.scalar(select(VersionConfirmation)) is None


@pytest.mark.rendered_form("verifier.bulk_check")
def test_a_formula_looking_work_name_comes_back_neutralised(web, contract, key):
    formula = '=HYPERLINK("http://example.com","x")'
    rows = _rows(web, _upload(web, _csv([contract.number, key, formula], ["@SUM(1)", "-1"])))
    assert rows[0]["入力した工事名"] == "'" + formula
    assert rows[1]["保証契約番号"] == "'@SUM(1)"


@pytest.mark.rendered_form("verifier.bulk_check")
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\x00\x01binary", "CSV ファイルではありません"),
        (_csv(["12345-000001"]), "1行目の列の数が正しくありません"),
        (_csv(["a", "b", "c", "d", "e", "f", "g"]), "列の数が正しくありません"),
        (b"", "確認する行がありません"),
        ("保証契約番号,認証キー\n".encode("utf-16"), "CSV ファイルではありません"),
        (b"\x81\xff\xfe,\x80\n", "文字コードを読み取れません"),
    ],
)
def test_a_malformed_file_is_refused_whole(web, contract, key, data, message):
    assert message in _upload(web, data, status=422).text
    assert _attempts() == 0 and db.session.scalar(select(BulkCheck)) is None


@pytest.mark.rendered_form("verifier.bulk_check")
def test_a_501_line_file_is_refused_and_nothing_checked(web, contract, key):
    data = _csv(*([contract.number, key] for _ in range(501)))
    page = _upload(web, data, status=422)
    assert "行が多すぎます（501行）" in page.text and "500行まで" in page.text
    assert _attempts() == 0


@pytest.mark.rendered_form("verifier.bulk_check")
def test_shift_jis_input_is_read(web, contract, key):
    work = contract.application.work_name
    text = f"保証契約番号,認証キー,工事名\r\n{contract.number},{key},{work}\r\n"
    rows = _rows(web, _upload(web, text.encode("shift_jis")))
    assert rows[0]["結果"] == "確認できました"


@pytest.mark.rendered_form("verifier.bulk_check")
def test_each_line_counts_towards_the_lockout(web, contract, key):
    data = _csv(*([contract.number, WRONG] for _ in range(5)), [contract.number, key])
    rows = _rows(web, _upload(web, data))
    assert [r["結果"] for r in rows] == ["確認できません"] * 6
    assert "一時的に停止しています" in rows[-1]["備考"]


@pytest.mark.rendered_form("verifier.bulk_check")
def test_the_orderers_hourly_bulk_budget(web, contract, key, clock):
    clerk = _user("verifier-admin")  # another clerk of 大仙市: the budget is the orderer's
    db.session.add(
        BulkCheck(
            at=now(),
            user=clerk,
            orderer_id=clerk.orderer_id,
            lines=499,
            confirmed=0,
            mismatched=0,
            failed=499,
            result=b"",
        )
    )
    db.session.commit()
    page = _upload(web, _csv([contract.number, key], [contract.number, key]), status=422)
    assert "1時間あたり500行まで" in page.text and "残り1行" in page.text
    assert _attempts() == 0
    clock.now += timedelta(hours=1)
    assert (
        "2行を確認しました"
        in _upload(web, _csv([contract.number, key], [contract.number, key])).text
    )
