"""保証契約番号 and 認証キー: making them, reading them as typed, and checking keys."""

import hashlib
import hmac
import re
import secrets
import string
import unicodedata

#: Letters and digits without the look-alikes 0 O o 1 l I.
KEY_ALPHABET = "".join(ch for ch in string.ascii_letters + string.digits if ch not in "0Oo1lI")
KEY_LENGTH = 12

_MAX_SERIAL = 999_999
_BRANCH_CODE = re.compile(r"[0-9]{5}")
_CONTRACT_NUMBER = re.compile(r"([0-9]{5})-?([0-9]{6})")
#: What users type for a hyphen: ASCII and full-width hyphen-minus, the Unicode hyphens and
#: dashes, the minus sign, and the long vowel mark (full- and half-width).
_HYPHENS = "-\uff0d\u2010\u2011\u2013\u2014\u2015\u2212\u30fc\uff70"
_CONTRACT_NUMBER_TO_ASCII = str.maketrans(
    "０１２３４５６７８９" + _HYPHENS, "0123456789" + "-" * len(_HYPHENS)
)
_KEY_SEPARATORS = str.maketrans("", "", _HYPHENS + string.whitespace)


def generate_key() -> str:
    """Draw a new 認証キー: 11 characters from KEY_ALPHABET with a cryptographic random
    source, then their check character (keys issued before it are 12 random characters)."""
    body = "".join(secrets.choice(KEY_ALPHABET) for _ in range(KEY_LENGTH - 1))
    return body + key_check_character(body)


def key_check_character(body: str) -> str:
    """The check character of a key's first 11 characters: Luhn mod N over KEY_ALPHABET.

    Each character stands for its position in KEY_ALPHABET (N = 56 of them). From the right,
    every other value is doubled, starting with the last; a doubled value of N or more counts
    as the sum of its two base-N digits. The check character is the one whose value brings
    the total to a multiple of N. It catches every single wrong character and nearly every
    swap of two neighbours, the usual slips of a key copied by hand.
    """
    size = len(KEY_ALPHABET)
    total = 0
    for position, character in enumerate(reversed(body)):
        value = KEY_ALPHABET.index(character) * (2 if position % 2 == 0 else 1)
        total += value // size + value % size
    return KEY_ALPHABET[-total % size]


def key_check_matches(key: str) -> bool:
    """Whether a normalised 12-character key ends with the check character of the rest."""
    return key[-1] == key_check_character(key[:-1])


def key_groups(key: str) -> str:
    """A key as read and copied by hand: three groups of four, e.g. `abcd EFGH 2345`."""
    return " ".join(key[start : start + 4] for start in range(0, len(key), 4))


def format_contract_number(branch_code: str, serial: int) -> str:
    """Build a 保証契約番号 such as 12345-000042 from a branch code and its serial."""
    if _BRANCH_CODE.fullmatch(branch_code) is None:
        raise ValueError(f"branch code must be 5 digits, got {branch_code!r}")
    if not 1 <= serial <= _MAX_SERIAL:
        raise ValueError(f"serial must be 1..{_MAX_SERIAL}, got {serial}")
    return f"{branch_code}-{serial:06d}"


def normalise_contract_number(text: str) -> str | None:
    """Read a typed 保証契約番号 as NNNNN-NNNNNN, or None when it has another shape."""
    match = _CONTRACT_NUMBER.fullmatch(text.strip().translate(_CONTRACT_NUMBER_TO_ASCII))
    return None if match is None else f"{match[1]}-{match[2]}"


def normalise_key(text: str) -> str | None:
    """Read a typed 認証キー, ignoring width, spaces and hyphens, or None when malformed."""
    key = unicodedata.normalize("NFKC", text).translate(_KEY_SEPARATORS)
    if len(key) != KEY_LENGTH or any(ch not in KEY_ALPHABET for ch in key):
        return None
    return key


def key_digest(key: str, secret: bytes) -> str:
    """Return the keyed digest (HMAC-SHA256, hex) stored to verify a key."""
    return hmac.new(secret, key.encode(), hashlib.sha256).hexdigest()


def key_matches(key: str, digest: str, secret: bytes) -> bool:
    """Tell in constant time whether a normalised key has the stored digest."""
    return hmac.compare_digest(key_digest(key, secret).encode(), digest.encode())


def key_mistyped(typed: str, has_check: bool) -> bool:
    """Whether a key as typed cannot be a key with a check character: malformed, or its last
    character not the check of the rest. Says nothing for keys without one (has_check False)."""
    key = normalise_key(typed)
    return has_check and (key is None or not key_check_matches(key))
