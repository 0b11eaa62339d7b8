"""Reading an amount of yen as a user types it."""

import re

_MAX_DIGITS = 13
#: Full-width digits and marks read as their ASCII forms; U+2212 is the minus sign.
_TO_ASCII = str.maketrans("０１２３４５６７８９．－−", "0123456789.--", ",，")
_NUMBER = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?")


def parse_yen(text: str) -> int:
    """Parse e.g. "２０，０００，０００円" to 20000000; raise ValueError with a Japanese message."""
    stripped = text.strip().removesuffix("円").strip()
    if not stripped:
        raise ValueError("金額を入力してください。")
    match = _NUMBER.fullmatch(stripped.translate(_TO_ASCII))
    if match is None:
        raise ValueError("金額は数字で入力してください。")
    sign, whole, fraction = match.groups()
    if fraction and fraction.strip("0"):
        raise ValueError("円未満の端数は入力できません。")
    amount = int(whole)
    if sign and amount:
        raise ValueError("マイナスの金額は入力できません。")
    if amount == 0:
        raise ValueError("金額は1円以上で入力してください。")
    if len(str(amount)) > _MAX_DIGITS:
        raise ValueError(f"金額は{_MAX_DIGITS}桁以内で入力してください。")
    return amount
