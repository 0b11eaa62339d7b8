"""Tamper evidence: the canonical form of records, the version chain and the daily Merkle root.

Anyone can recompute these from a copy of the data, so the rules are fixed and written here:

- Canonical form: JSON with keys sorted, no whitespace (separators "," and ":"), non-ASCII
  characters as themselves (ensure_ascii=False), encoded as UTF-8; no NaN or infinity.
  Instants are written in UTC as ISO 8601 with microseconds, e.g. 2026-11-25T00:00:00.000000+00:00.
- A certificate version's hash is SHA-256 (lowercase hex) of the canonical form of
  {"contract_number", "seq", "kind", "label", "issued_at", "fee_difference", "reason",
  "issued_by_id", "snapshot", "previous"}, where "previous" is the hash of the contract's
  version before it ("" for the first). So each contract's versions form one chain.
- A day's root is the Merkle tree hash of RFC 6962 (leaf = SHA-256(0x00 ‖ data), node =
  SHA-256(0x01 ‖ left ‖ right), the empty tree = SHA-256 of nothing) over the day's audit
  entries in id order, then the heads of the chains changed that day in contract number
  order; each leaf's data is the canonical form of {"audit": {...}} or {"head": {...}}.

Changing any of this changes every hash: it is never changed, only documented.
"""

import hashlib
import json
from datetime import UTC, datetime

#: The characters of a fingerprint: the first 16 hex digits of a version's hash.
FINGERPRINT_DIGITS = 16


def canonical(value) -> bytes:
    """The canonical form of plain JSON values (dict, list, str, int, bool, None)."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def utc_iso(moment: datetime) -> str:
    """An instant in the canonical form: UTC, ISO 8601, microseconds (naive = UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def version_hash(
    *,
    contract_number: str,
    seq: int,
    kind: str,
    label: str,
    issued_at: datetime,
    fee_difference: int | None,
    reason: str,
    issued_by_id: int,
    snapshot: dict,
    previous: str | None,
) -> str:
    """The chain hash of one certificate version, given the hash of the one before it."""
    return hashlib.sha256(
        canonical(
            {
                "contract_number": contract_number,
                "seq": seq,
                "kind": kind,
                "label": label,
                "issued_at": utc_iso(issued_at),
                "fee_difference": fee_difference,
                "reason": reason,
                "issued_by_id": issued_by_id,
                "snapshot": snapshot,
                "previous": previous or "",
            }
        )
    ).hexdigest()


def audit_leaf(
    *,
    entry_id: int,
    at: datetime,
    user_id: int | None,
    action: str,
    subject_type: str,
    subject_id: int,
    detail: str,
) -> bytes:
    """The leaf data of one audit entry in a day's tree."""
    return canonical(
        {
            "audit": {
                "id": entry_id,
                "at": utc_iso(at),
                "user_id": user_id,
                "action": action,
                "subject_type": subject_type,
                "subject_id": subject_id,
                "detail": detail,
            }
        }
    )


def head_leaf(*, contract_number: str, seq: int, chain_hash: str) -> bytes:
    """The leaf data of a contract's chain head (its last version of the day)."""
    return canonical({"head": {"contract_number": contract_number, "seq": seq, "hash": chain_hash}})


def merkle_root(leaves: list[bytes]) -> str:
    """The RFC 6962 Merkle tree hash of `leaves` (their data, in order), as lowercase hex."""
    return _tree_hash([hashlib.sha256(b"\x00" + leaf).digest() for leaf in leaves]).hex()


def _tree_hash(hashes: list[bytes]) -> bytes:
    if not hashes:
        return hashlib.sha256(b"").digest()
    if len(hashes) == 1:
        return hashes[0]
    split = 1 << ((len(hashes) - 1).bit_length() - 1)  # the largest power of two below n
    return hashlib.sha256(
        b"\x01" + _tree_hash(hashes[:split]) + _tree_hash(hashes[split:])
    ).digest()


def fingerprint(chain_hash: str) -> str:
    """A version's short fingerprint as printed: 16 hex digits in groups of four."""
    digits = chain_hash[:FINGERPRINT_DIGITS]
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def short_root(root: str) -> str:
    """A seal's root as printed on documents: its first 16 hex digits."""
    return root[:FINGERPRINT_DIGITS]
