"""Tests for 保証契約番号 and 認証キー."""

import hashlib
import hmac
import re

import pytest

from domain.identifiers import (
    KEY_ALPHABET,
    KEY_LENGTH,
    format_contract_number,
    generate_key,
    key_check_character,
    key_check_matches,
    key_digest,
    key_groups,
    key_matches,
    key_mistyped,
    normalise_contract_number,
    normalise_key,
)

SECRET = b"test-secret"


def test_alphabet_excludes_look_alikes() -> None:
    assert not set("0Oo1lI") & set(KEY_ALPHABET)
    assert len(KEY_ALPHABET) == len(set(KEY_ALPHABET)) == 62 - 6
    assert KEY_LENGTH == 12


def test_generate_key() -> None:
    keys = {generate_key() for _ in range(200)}
    assert len(keys) == 200
    for key in keys:
        assert len(key) == KEY_LENGTH
        assert set(key) <= set(KEY_ALPHABET)
        assert normalise_key(key) == key


@pytest.mark.parametrize(
    ("branch", "serial", "number"),
    [
        ("12345", 42, "12345-000042"),
        ("00001", 1, "00001-000001"),
        ("99999", 999_999, "99999-999999"),
    ],
)
def test_format_contract_number(branch: str, serial: int, number: str) -> None:
    assert format_contract_number(branch, serial) == number


@pytest.mark.parametrize(
    ("branch", "serial"),
    [
        ("1234", 1),
        ("123456", 1),
        ("１２３４５", 1),
        ("1234a", 1),
        ("12345", 0),
        ("12345", 1_000_000),
    ],
)
def test_format_contract_number_refuses(branch: str, serial: int) -> None:
    with pytest.raises(ValueError):
        format_contract_number(branch, serial)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12345-000042", "12345-000042"),
        ("  12345-000042 ", "12345-000042"),
        ("12345000042", "12345-000042"),
        ("１２３４５－００００４２", "12345-000042"),
        ("１２３４５ー００００４２", "12345-000042"),
        ("12345\u2010000042", "12345-000042"),
        ("12345\u2013000042", "12345-000042"),
        ("12345\u2014000042", "12345-000042"),
        ("12345\u2015000042", "12345-000042"),
        ("\u300012345-000042\u3000", "12345-000042"),
        ("1234-5000042", None),
        ("12345-00042", None),
        ("12345--000042", None),
        ("12345 000042", None),
        ("A2345-000042", None),
        ("", None),
    ],
)
def test_normalise_contract_number(text: str, number: str | None) -> None:
    assert normalise_contract_number(text) == number


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Z28YUE4J3Bux", "Z28YUE4J3Bux"),
        ("  Z28Y-UE4J-3Bux ", "Z28YUE4J3Bux"),
        ("Z28Y UE4J 3Bux", "Z28YUE4J3Bux"),
        ("Ｚ２８Ｙ－ＵＥ４Ｊ－３Ｂｕｘ", "Z28YUE4J3Bux"),
        ("Ｚ２８Ｙ　ＵＥ４Ｊ　３Ｂｕｘ", "Z28YUE4J3Bux"),
        ("Z28YUE4J3Bu", None),
        ("Z28YUE4J3Buxx", None),
        ("Z28YUE4J3Bu0", None),
        ("Z28YUE4J3Bul", None),
        ("Z28YUE4J3Bu!", None),
        ("", None),
    ],
)
def test_normalise_key(text: str, key: str | None) -> None:
    assert normalise_key(text) == key


def test_key_is_case_sensitive() -> None:
    digest = key_digest("Z28YUE4J3Bux", SECRET)
    assert key_matches("Z28YUE4J3Bux", digest, SECRET)
    assert not key_matches("Z28YUE4J3BUX", digest, SECRET)


def test_key_digest_is_keyed() -> None:
    digest = key_digest("Z28YUE4J3Bux", SECRET)
    assert re.fullmatch("[0-9a-f]{64}", digest)  # HMAC-SHA256 in hex
    assert digest == hmac.new(SECRET, b"Z28YUE4J3Bux", hashlib.sha256).hexdigest()
    assert key_digest("Z28YUE4J3Bux", b"other") != digest
    assert not key_matches("Z28YUE4J3Bux", digest, b"other")


def test_generated_keys_end_with_their_check_character() -> None:
    for _ in range(200):
        key = generate_key()
        assert key[-1] == key_check_character(key[:-1]) and key_check_matches(key)


def test_the_check_character_catches_every_single_wrong_character() -> None:
    key = "abcdEFGH2345"[:-1] + key_check_character("abcdEFGH234")
    for position in range(KEY_LENGTH):
        for wrong in KEY_ALPHABET:
            if wrong != key[position]:
                assert not key_check_matches(key[:position] + wrong + key[position + 1 :])


def test_the_check_character_catches_most_swaps_of_neighbours() -> None:
    caught = total = 0
    for _ in range(300):
        key = generate_key()
        for position in range(KEY_LENGTH - 1):
            if key[position] != key[position + 1]:
                swapped = key[:position] + key[position + 1] + key[position] + key[position + 2 :]
                total += 1
                caught += not key_check_matches(swapped)
    assert caught / total > 0.97


def test_key_check_character_is_luhn_mod_n() -> None:
    """The worked examples of the README ("a" is worth 0, "b" 1, ... "9" 55)."""
    assert key_check_character("a" * 11) == "a"
    # "b" (1) last: doubled to 2, so the check is worth 56 - 2 = 54, "8".
    assert key_check_character("a" * 10 + "b") == "8"
    # "9" (55) last: doubled to 110 = 1×56 + 54, counted 1 + 54 = 55; the check is worth 1, "b".
    assert key_check_character("a" * 10 + "9") == "b"


def test_key_groups_and_slips() -> None:
    assert key_groups("abcdEFGH2345") == "abcd EFGH 2345"
    assert key_mistyped("abcd EFGH 234", has_check=True)  # too short: a slip too
    assert not key_mistyped("ABCDEFGHJKMN", has_check=False)
