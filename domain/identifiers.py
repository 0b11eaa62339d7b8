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
    """Draw a new 認証キー from KEY_ALPHABET with a cryptographic random source."""
    return "".join(secrets.choice(KEY_ALPHABET) for _ in range(KEY_LENGTH))


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
