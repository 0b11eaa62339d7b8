"""Cells of a CSV that a spreadsheet opens: typed text never runs as a formula."""

#: A cell starting with one of these is read as a formula (or split) by Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """The text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
