"""一括確認: reading the clerk's CSV of numbers and keys, and writing back one row per line.

The file is read whole before anything is checked: a file that is not a CSV of these columns,
in an encoding other than UTF-8 (with or without BOM) or Shift_JIS, or longer than MAX_LINES,
is refused with one message and nothing is checked.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from domain.spreadsheet import spreadsheet_csv
from domain.verification import OrdererRecord
from domain.yen import parse_yen

MAX_LINES = 500
#: The columns, in order; the last four are optional (the cross-check's values).
COLUMNS = ("保証契約番号", "認証キー", "工事名", "請負金額", "工期", "保証金額")
FORMAT = "保証契約番号, 認証キー[, 工事名, 請負金額, 工期, 保証金額]"

CONFIRMED = "確認できました"
NOT_CONFIRMED = "確認できません"
MISMATCH = "不一致"

RESULT_HEADER = (
    "行", "保証契約番号", "入力した工事名", "結果", "状態", "版", "電子保証発行日時",
    "工事名（証券）", "請負金額（証券）", "保証金額（証券）", "保証期限（証券）",
    "不一致の内容", "備考",
)  # fmt: skip


class BulkFileError(ValueError):
    """The whole file is refused; the message says why, in Japanese."""


@dataclass(frozen=True)
class BulkLine:
    """One line to check: where it was, what it says, and what of it could not be read."""

    line: int
    number: str
    key: str
    work_name: str
    record: OrdererRecord
    problems: list[str] = field(default_factory=list)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Shift_JIS (as Excel saves it), else refused."""
    if b"\x00" in data:
        raise BulkFileError("CSV ファイルではありません。" + FORMAT + " の CSV を選んでください。")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BulkFileError(
        "文字コードを読み取れません。UTF-8 または Shift_JIS で保存した CSV を選んでください。"
    )


def read_lines(data: bytes) -> list[BulkLine]:
    """The lines of the upload (a first row of column names is skipped; empty rows too)."""
    text = decode(data)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise BulkFileError(f"CSV として読み取れません（{error}）。") from error
    numbered = [(index, row) for index, row in enumerate(rows, 1) if any(c.strip() for c in row)]
    if numbered and numbered[0][1][0].strip() == COLUMNS[0]:
        numbered = numbered[1:]
    if not numbered:
        raise BulkFileError("確認する行がありません。" + FORMAT + " の順に1行ずつ書いてください。")
    if len(numbered) > MAX_LINES:
        raise BulkFileError(
            f"行が多すぎます（{len(numbered)}行）。一度に確認できるのは{MAX_LINES}行までです。"
            "ファイルを分けてください。何も確認していません。"
        )
    for index, row in numbered:
        if not 2 <= len(row) <= len(COLUMNS):
            raise BulkFileError(
                f"{index}行目の列の数が正しくありません（{len(row)}列）。"
                f"{FORMAT} の順に書いてください。何も確認していません。"
            )
    return [_line(index, row) for index, row in numbered]


def _line(index: int, row: list[str]) -> BulkLine:
    cells = [cell.strip() for cell in row] + [""] * (len(COLUMNS) - len(row))
    number, key, work_name, price, term, amount = cells
    problems: list[str] = []
    if not number or not key:
        problems.append("保証契約番号と認証キーの両方が必要です。")
    work_start = work_end = None
    if term:
        try:
            work_start, work_end = _term(term)
        except ValueError:
            problems.append("工期は「2026-04-01～2027-03-31」の形で書いてください。")
    return BulkLine(
        line=index,
        number=number,
        key=key,
        work_name=work_name,
        record=OrdererRecord(
            work_name=work_name or None,
            contract_price=_yen(price, "請負金額", problems),
            work_start=work_start,
            work_end=work_end,
            amount=_yen(amount, "保証金額", problems),
        ),
        problems=problems,
    )


def _yen(text: str, label: str, problems: list[str]) -> int | None:
    if not text:
        return None
    try:
        return parse_yen(text)
    except ValueError as error:
        problems.append(f"{label}：{error}")
        return None


_TERM = re.compile(
    r"\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})\s*[～〜~]\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})\s*"
)


def _term(text: str) -> tuple[date, date]:
    match = _TERM.fullmatch(
        text.translate(str.maketrans("０１２３４５６７８９／－", "0123456789/-"))
    )
    if match is None:
        raise ValueError(text)
    y1, m1, d1, y2, m2, d2 = (int(part) for part in match.groups())
    return date(y1, m1, d1), date(y2, m2, d2)


def result_csv(rows: list[tuple]) -> bytes:
    """The answer: RESULT_HEADER and one row per line, as 確認済み一覧's CSV is written."""
    return spreadsheet_csv(RESULT_HEADER, rows)
