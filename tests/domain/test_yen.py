"""Tests for reading typed yen."""

import pytest

from domain.yen import parse_yen


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("20000000", 20_000_000),
        ("20,000,000", 20_000_000),
        ("２０，０００，０００円", 20_000_000),
        ("２０,０００,０００", 20_000_000),
        ("  1,500円 ", 1_500),
        ("\u30001500\u3000", 1_500),
        ("1500.00", 1_500),
        ("9999999999999", 9_999_999_999_999),
        ("0001", 1),
    ],
)
def test_parse_yen(text: str, amount: int) -> None:
    assert parse_yen(text) == amount


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "金額を入力してください。"),
        ("  ", "金額を入力してください。"),
        ("円", "金額を入力してください。"),
        ("abc", "金額は数字で入力してください。"),
        ("1億", "金額は数字で入力してください。"),
        ("1 000", "金額は数字で入力してください。"),
        ("-5", "マイナスの金額は入力できません。"),
        ("－５", "マイナスの金額は入力できません。"),
        ("0", "金額は1円以上で入力してください。"),
        ("-0", "金額は1円以上で入力してください。"),
        ("1.5", "円未満の端数は入力できません。"),
        ("１．５円", "円未満の端数は入力できません。"),
        ("10000000000000", "金額は13桁以内で入力してください。"),
    ],
)
def test_parse_yen_rejects(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_yen(text)
    assert raised.value.args[0] == message
