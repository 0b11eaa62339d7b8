"""認証キー at rest: a keyed digest for checking it, an encrypted copy for the contractor."""

import base64

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

from domain.identifiers import generate_key, key_digest, key_matches, normalise_key
from models import GuaranteeContract
from operations.clock import now


def set_new_key(contract: GuaranteeContract) -> str:
    """Give the contract a fresh 認証キー (the old one, if any, stops matching at once)."""
    key = generate_key()
    contract.key_digest = digest_of(key)
    contract.key_ciphertext = _fernet().encrypt(key.encode()).decode()
    contract.key_issued_at = now()
    return key


def digest_of(key: str) -> str:
    """The keyed digest stored for a key (what the verifier side compares against)."""
    return key_digest(key, _digest_secret())


def reveal_key(contract: GuaranteeContract) -> str | None:
    """The contractor's copy of the key, decrypted (None for paper guarantees)."""
    if contract.key_ciphertext is None:
        return None
    return _fernet().decrypt(contract.key_ciphertext.encode()).decode()


#: Compared against when there is no contract or no key, so that a miss costs what a hit does.
_NO_DIGEST = "0" * 64


def key_opens(contract: GuaranteeContract | None, typed: str) -> bool:
    """Whether a key as typed (spaces, hyphens, full width tolerated) opens the contract.

    Always computes one keyed digest and compares in constant time, whatever is missing.
    """
    key = normalise_key(typed)
    digest = contract.key_digest if contract is not None else None
    matched = key_matches(key or "", digest or _NO_DIGEST, _digest_secret())
    return matched and key is not None and digest is not None


def _derive(purpose: bytes) -> bytes:
    """32 bytes for one purpose, derived from SECRET_KEY with HKDF-SHA256."""
    secret = current_app.config["SECRET_KEY"].encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret)


def _digest_secret() -> bytes:
    return _derive(b"e-surety: authentication key digest")


def _fernet() -> Fernet:
    configured = current_app.config.get("KEY_ENCRYPTION_KEY")
    if configured:
        return Fernet(configured.encode())
    return Fernet(base64.urlsafe_b64encode(_derive(b"e-surety: authentication key encryption")))
