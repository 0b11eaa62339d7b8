"""Yen as a user types it, and as the product writes it."""

from domain.numbers import read_number

_MAX_DIGITS = 13


def parse_yen(text: str) -> int:
    """Parse e.g. "２０，０００，０００円" to 20000000; raise ValueError with a Japanese message."""
    try:
        number = read_number(text, "円")
    except ValueError:
        raise ValueError("金額は数字で入力してください。") from None
    if number is None:
        raise ValueError("金額を入力してください。")
    if number != number.to_integral_value():
        raise ValueError("円未満の端数は入力できません。")
    if number < 0:
        raise ValueError("マイナスの金額は入力できません。")
    amount = int(number)
    if amount == 0:
        raise ValueError("金額は1円以上で入力してください。")
    if len(str(amount)) > _MAX_DIGITS:
        raise ValueError(f"金額は{_MAX_DIGITS}桁以内で入力してください。")
    return amount


def format_yen(amount: int) -> str:
    """Show yen with thousands separators, e.g. 20,000,000円."""
    return f"{amount:,}円"
