"""Login IDs and the password policy (long enough, not the login ID, not a common password)."""

import re
import secrets
from pathlib import Path

LOGIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{3,49}")
LOGIN_ID_MAX_LENGTH = 50
#: Login IDs nobody gets (they would look official); refused like one already in use.
RESERVED_LOGIN_IDS = frozenset(
    ["admin", "administrator", "root", "system", "support", "staff", "operator", "esurety",
     "e-surety", "info", "security", "webmaster", "postmaster", "hostmaster", "abuse"]
)  # fmt: skip
MIN_LENGTH = 10
MAX_LENGTH = 128

#: Passwords near the top of every leaked-password list, and this product's names.
COMMON_PASSWORDS = frozenset(
    line.strip().casefold()
    for line in (Path(__file__).with_name("common_passwords.txt")).read_text().splitlines()
    if line.strip() and not line.startswith("#")
)


def password_problem(password: str, login_id: str) -> str | None:
    """Return why `password` may not be used by `login_id` (Japanese), or None when it may."""
    if len(password) < MIN_LENGTH:
        return f"パスワードは{MIN_LENGTH}文字以上で入力してください。"
    if len(password) > MAX_LENGTH:
        return f"パスワードは{MAX_LENGTH}文字以内で入力してください。"
    folded = password.casefold()
    if login_id and login_id.casefold() in folded:
        return "パスワードにログインIDを含めることはできません。"
    if folded in COMMON_PASSWORDS or len(set(password)) < 3:
        return "よく使われる・推測されやすいパスワードは使えません。別のパスワードにしてください。"
    return None


def login_id_problem(login_id: str) -> str | None:
    """Return why `login_id` cannot be a login ID (Japanese), or None when it can."""
    if LOGIN_ID.fullmatch(login_id) is None:
        return (
            "ログインIDは4〜50文字の半角英数字と記号（. _ - @）で、"
            "英数字から始めて入力してください。"
        )
    return None


def login_id_reserved(login_id: str) -> bool:
    """Whether `login_id` is one nobody may have, ignoring case."""
    return login_id.casefold() in RESERVED_LOGIN_IDS


def login_id_variants(login_id: str):
    """IDs like `login_id` with four random digits appended, each a valid login ID (random, so
    a suggestion tells nothing about which numbered IDs exist)."""
    while True:
        yield login_id[: LOGIN_ID_MAX_LENGTH - 4] + f"{secrets.randbelow(10_000):04d}"
