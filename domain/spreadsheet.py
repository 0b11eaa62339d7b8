"""Cells of a CSV that a spreadsheet opens: typed text never runs as a formula."""

import csv
import io
from collections.abc import Iterable, Sequence

#: A cell starting with one of these is read as a formula (or split) by Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """The text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def spreadsheet_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A CSV for Excel: UTF-8 with BOM, CRLF, every cell passed through safe_cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(str(cell)) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
