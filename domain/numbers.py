"""Reading a number as people type it on a Japanese form: full-width digits (２０，０００),
commas between thousands, the unit after it (円, %), spaces around it. Every field that
reads a number (yen, a rate in percent, a ratio, a JV's share) reads it here and keeps its
own rules (whole yen, decimals allowed…) and its own message."""

import re
from decimal import Decimal

#: Full-width digits and marks read as their ASCII forms (U+2212 is the minus sign);
#: commas between thousands (either width) dropped.
_TO_ASCII = str.maketrans("０１２３４５６７８９．－−％", "0123456789.--%", ",，")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def read_number(text: str | None, unit: str = "") -> Decimal | None:
    """The number in `text` ("２０，０００円" → 20000 with unit 円), or None when nothing was
    typed; raise ValueError when it is not a number (the caller says so in its own words).

    A space inside the number (1 000) or an exponent (1e3) is not a number as typed here.
    """
    plain = (text or "").translate(_TO_ASCII).strip()
    if unit:
        plain = plain.removesuffix(unit).strip()
    if not plain:
        return None
    if _NUMBER.fullmatch(plain) is None:
        raise ValueError(f"not a number: {text!r}")
    return Decimal(plain)


def decimals(number: Decimal) -> int:
    """How many digits the number was typed with after the decimal point (1.50 → 2)."""
    exponent = number.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
