"""The password policy and the shape of login IDs."""

import pytest

from domain.credentials import (
    login_id_problem,
    login_id_reserved,
    login_id_variants,
    password_problem,
)


def test_a_long_uncommon_password_is_accepted():
    assert password_problem("kawa-no-nagare-7", "tanaka") is None


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-pw1", "10文字以上"),
        ("x" * 129, "128文字以内"),
        ("tanaka-2026-spring", "ログインIDを含める"),
        ("TANAKA-2026-spring", "ログインIDを含める"),
        ("password123", "よく使われる"),
        ("QWERTYUIOP", "よく使われる"),
        ("ababababababab", "推測されやすい"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password, message):
    assert message in password_problem(password, "tanaka")


@pytest.mark.parametrize("login_id", ["tanaka", "t.tanaka@example.jp", "user_01", "ab-c"])
def test_usual_login_ids_are_accepted(login_id):
    assert login_id_problem(login_id) is None


@pytest.mark.parametrize("login_id", ["abc", "田中", "-tanaka", "with space", "a" * 51, ""])
def test_other_login_ids_are_refused(login_id):
    assert "ログインIDは4〜50文字" in login_id_problem(login_id)


def test_reserved_login_ids_are_recognised_whatever_the_case():
    assert login_id_reserved("Admin") and login_id_reserved("e-surety")
    assert not login_id_reserved("omagari-jimu")


def test_suggested_variants_are_valid_login_ids_of_at_most_50_characters():
    for typed in ("tanaka", "a" * 50):
        variant = next(login_id_variants(typed))
        assert login_id_problem(variant) is None and len(variant) <= 50
        assert variant[:-4] == typed[: 50 - 4] and variant[-4:].isdigit()
