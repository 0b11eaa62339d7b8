"""確認記録票: the cross-check results item by item, and the re-check code printed on it."""

import hashlib
import hmac
import re
import secrets
import unicodedata

from domain.verification import OrdererRecord

#: The items of the 照合, in the order the record prints them.
CHECK_ITEMS = {
    "work_name": "工事名",
    "contract_price": "請負金額",
    "work_start": "工期（着工日）",
    "work_end": "工期（完成日）",
    "amount": "保証金額",
}
MATCH, MISMATCH, NOT_TYPED = "一致", "不一致", "未入力"

#: Upper-case letters and digits without the look-alikes 0/O and 1/I, so a code read off
#: paper is typed right; 16 of 32 symbols are 80 random bits.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16
CODE_GROUP = 4
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−ー]")


def check_results(typed: OrdererRecord, marks: dict[str, str]) -> dict[str, str]:
    """一致 / 不一致 / 未入力 for each item of CHECK_ITEMS, from what was typed and the marks
    of `domain.verification.cross_check`."""
    results = {}
    for item in CHECK_ITEMS:
        if getattr(typed, item) is None:
            results[item] = NOT_TYPED
        else:
            results[item] = MISMATCH if item in marks else MATCH
    return results


def new_nonce() -> str:
    """A fresh record's nonce (128 random bits, hex), which its code is derived from."""
    return secrets.token_hex(16)


def derived_code(secret: str, nonce: str) -> str:
    """The re-check code of the record with `nonce` under `secret`: the first 80 bits of
    HMAC-SHA256, 5 bits to a symbol of CODE_ALPHABET. Without the secret the nonce tells
    nothing of the code; with it, the same code is printed on every download."""
    mac = hmac.new(secret.encode(), nonce.encode("ascii"), hashlib.sha256).digest()
    bits = int.from_bytes(mac[: CODE_LENGTH * 5 // 8])
    return "".join(
        CODE_ALPHABET[(bits >> (5 * (CODE_LENGTH - 1 - i))) & 31] for i in range(CODE_LENGTH)
    )


def grouped(code: str) -> str:
    """The code as printed and shown: XXXX-XXXX-XXXX-XXXX."""
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


def normalise_code(text: str) -> str | None:
    """The code in `text` as typed (full-width, lower case, spaces and hyphens allowed), or
    None when it cannot be a code."""
    code = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def code_digest(code: str) -> str:
    """SHA-256 of a normalised code, the only form in which the service keeps it.

    No secret key is needed: the code is 80 bits no one can guess (derived with a secret from
    a random nonce), so no one can find a code from its digest by trying candidates, the way
    one could for a password or a short number.
    """
    return hashlib.sha256(code.encode("ascii")).hexdigest()
