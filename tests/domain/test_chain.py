"""The canonical form, the version hash and the daily Merkle root (domain.chain)."""

import hashlib
from datetime import UTC, datetime, timedelta, timezone

import pytest

from domain.chain import (
    audit_leaf,
    canonical,
    fingerprint,
    head_leaf,
    merkle_root,
    utc_iso,
    version_hash,
)


def test_the_canonical_form_sorts_keys_keeps_japanese_and_has_no_whitespace():
    assert canonical({"b": 1, "a": ["保証", None, True]}) == (
        '{"a":["保証",null,true],"b":1}'.encode()
    )


def test_the_canonical_form_does_not_depend_on_the_order_keys_were_added():
    assert canonical({"x": {"b": 2, "a": 1}, "y": 0}) == canonical({"y": 0, "x": {"a": 1, "b": 2}})


def test_the_canonical_form_refuses_values_without_one_spelling():
    with pytest.raises(ValueError):
        canonical({"rate": float("nan")})


def test_an_instant_is_written_in_utc_with_microseconds_whatever_its_zone():
    tokyo = timezone(timedelta(hours=9))
    assert utc_iso(datetime(2026, 11, 25, 9, 0, tzinfo=tokyo)) == "2026-11-25T00:00:00.000000+00:00"
    assert (
        utc_iso(datetime(2026, 11, 25, 0, 0)) == "2026-11-25T00:00:00.000000+00:00"
    )  # naive = UTC


VERSION = {
    "contract_number": "10501-000001",
    "seq": 1,
    "kind": "new",
    "label": "新規",
    "issued_at": datetime(2026, 11, 25, tzinfo=UTC),
    "fee_difference": None,
    "reason": "",
    "issued_by_id": 3,
    "snapshot": {"amount": 20_000_000, "work_name": "市道大曲中央線道路改良工事"},
    "previous": None,
}


def test_a_version_hash_is_sha256_of_its_canonical_form():
    expected = hashlib.sha256(
        canonical({**VERSION, "issued_at": "2026-11-25T00:00:00.000000+00:00", "previous": ""})
    ).hexdigest()
    assert version_hash(**VERSION) == expected


@pytest.mark.parametrize(
    "change",
    [
        {"snapshot": {"amount": 20_000_001, "work_name": "市道大曲中央線道路改良工事"}},
        {"label": "変更-1"},
        {"seq": 2},
        {"issued_at": datetime(2026, 11, 25, 0, 0, 0, 1, tzinfo=UTC)},
        {"fee_difference": 0},
        {"reason": "誤記"},
        {"previous": "0" * 64},
    ],
)
def test_any_change_to_a_version_or_its_predecessor_changes_its_hash(change):
    assert version_hash(**{**VERSION, **change}) != version_hash(**VERSION)


def test_the_merkle_root_follows_rfc_6962():
    def sha(data: bytes) -> bytes:
        return hashlib.sha256(data).digest()

    a, b, c = b"a", b"b", b"c"
    assert merkle_root([]) == sha(b"").hex()
    assert merkle_root([a]) == sha(b"\x00a").hex()
    ab = sha(b"\x01" + sha(b"\x00a") + sha(b"\x00b"))
    assert merkle_root([a, b]) == ab.hex()
    assert merkle_root([a, b, c]) == sha(b"\x01" + ab + sha(b"\x00c")).hex()


def test_the_root_changes_with_any_leaf_and_with_their_order():
    leaves = [bytes([n]) for n in range(7)]
    root = merkle_root(leaves)
    assert merkle_root([*leaves[:3], b"x", *leaves[4:]]) != root
    assert merkle_root(list(reversed(leaves))) != root
    assert merkle_root(leaves[:-1]) != root


def test_audit_and_head_leaves_cannot_be_mistaken_for_each_other():
    entry = audit_leaf(
        entry_id=1, at=datetime(2026, 11, 25, tzinfo=UTC), user_id=None, action="a",
        subject_type="GuaranteeContract", subject_id=1, detail="",
    )  # fmt: skip
    head = head_leaf(contract_number="10501-000001", seq=1, chain_hash="ab" * 32)
    assert entry.startswith(b'{"audit":') and head.startswith(b'{"head":')


def test_a_fingerprint_is_the_first_16_hex_digits_in_groups_of_four():
    assert fingerprint("0123456789abcdef" + "f" * 48) == "0123 4567 89ab cdef"
