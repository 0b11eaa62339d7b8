"""Tests for full-width text."""

import pytest

from domain.fullwidth import is_fullwidth, normalise_fullwidth, to_fullwidth


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ABC銀行 ｶﾞｽ支店", "ＡＢＣ銀行　ガス支店"),
        ("ﾐｽﾞﾎ ﾊﾟﾙ", "ミズホ　パル"),
        ("ｳﾞｨｰ", "ヴィー"),
        ("ｱﾞ", "ア゛"),
        ("ﾞ", "゛"),
        ("ｷﾞﾝｺｳ｡｢ﾃｽﾄ｣､･", "ギンコウ。「テスト」、・"),
        ("(株)1-2~", "（株）１－２～"),
        ("ＡＢＣ銀行　ガス支店", "ＡＢＣ銀行　ガス支店"),
        ("", ""),
    ],
)
def test_to_fullwidth(text: str, expected: str) -> None:
    assert to_fullwidth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全角ＡＢＣ　カナ", True),
        ("😀", True),
        ("", True),
        ("〇〇銀行　××支店", True),  # ambiguous-width, but double-byte in Japanese text
        ("①※○", True),
        ("ABC", False),
        ("ｶ", False),
        ("é", False),
    ],
)
def test_is_fullwidth(text: str, expected: bool) -> None:
    assert is_fullwidth(text) is expected


def test_normalise_fullwidth_converts_and_strips() -> None:
    assert normalise_fullwidth(" ﾐｽﾞﾎ銀行 ABC支店 ") == "ミズホ銀行　ＡＢＣ支店"


@pytest.mark.parametrize(("text", "shown"), [("caf\u00e9", "é"), ("銀行\x07", "U+0007")])
def test_normalise_fullwidth_names_the_first_bad_character(text: str, shown: str) -> None:
    with pytest.raises(ValueError) as raised:
        normalise_fullwidth(text)
    assert raised.value.args[0] == f"全角で入力してください（変換できない文字: {shown}）。"
