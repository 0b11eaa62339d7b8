"""認証キー at rest: a keyed digest for checking it, an encrypted copy for the contractor.

Both use secrets of their own (KEY_DIGEST_SECRET, KEY_ENCRYPTION_KEY), not SECRET_KEY. Each
row records which pair made it (`key_secrets_id`); `rehash_keys` redoes the others from the
encrypted copies, so changing a secret never makes an issued key stop working.
"""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from sqlalchemy import or_, select

from clock import now
from domain.identifiers import generate_key, key_digest, key_matches, normalise_key
from extensions import db
from models import GuaranteeContract


def set_new_key(contract: GuaranteeContract) -> str:
    """Give the contract a fresh 認証キー (the old one, if any, stops matching at once)."""
    key = generate_key()
    _store(contract, key)
    contract.key_has_check = True
    contract.key_issued_at = now()
    return key


def _store(contract: GuaranteeContract, key: str) -> None:
    contract.key_digest = digest_of(key)
    contract.key_ciphertext = _fernet().encrypt(key.encode()).decode()
    contract.key_secrets_id = secrets_id()


def digest_of(key: str) -> str:
    """The keyed digest stored for a key (what the verifier side compares against)."""
    return key_digest(key, _digest_secret())


def reveal_key(contract: GuaranteeContract) -> str | None:
    """The contractor's copy of the key, decrypted (None for paper guarantees)."""
    if contract.key_ciphertext is None:
        return None
    return _current_readers().decrypt(contract.key_ciphertext.encode()).decode()


def seal(data: bytes) -> bytes:
    """`data` that holds a key (the key notice), encrypted as the key's own copy is."""
    return _fernet().encrypt(data)


def unseal(token: bytes) -> bytes:
    """What seal() encrypted, with the current or an old configured encryption key.

    :raise InvalidToken: if none of them opens it (the keys were changed since)
    """
    return _current_readers().decrypt(token)


def keyed_digest(text: str) -> str:
    """A digest of `text` that holds a key, keyed by KEY_DIGEST_SECRET (hex): names a sealed
    document by its content without telling the key to anyone who reads the name."""
    return hmac.new(_digest_secret(), text.encode(), hashlib.sha256).hexdigest()


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


def secrets_id() -> str:
    """A short fingerprint of the current digest secret and encryption key (reveals neither)."""
    config = current_app.config
    mac = hmac.new(_digest_secret(), config["KEY_ENCRYPTION_KEY"].encode(), hashlib.sha256)
    return mac.hexdigest()[:16]


def rehash_keys() -> tuple[int, list[str]]:
    """Re-encrypt and re-digest every key not made with the current secrets.

    Returns how many were redone and the numbers of contracts whose copy no known
    encryption key opens (those keys must be reissued). Running it again does nothing.
    """
    current = secrets_id()
    contracts = db.session.scalars(
        select(GuaranteeContract).where(
            GuaranteeContract.key_ciphertext.is_not(None),
            or_(
                GuaranteeContract.key_secrets_id.is_(None),
                GuaranteeContract.key_secrets_id != current,
            ),
        )
    ).all()
    readers = _readers()
    redone, unreadable = 0, []
    for contract in contracts:
        try:
            key = readers.decrypt(contract.key_ciphertext.encode()).decode()
        except InvalidToken:
            unreadable.append(contract.number)
            continue
        _store(contract, key)
        redone += 1
    return redone, unreadable


def _fernet() -> Fernet:
    return Fernet(current_app.config["KEY_ENCRYPTION_KEY"].encode())


def _configured() -> list[Fernet]:
    """The current encryption key, then the old ones still configured."""
    config = current_app.config
    keys = [config["KEY_ENCRYPTION_KEY"], *config.get("KEY_ENCRYPTION_KEYS_OLD", [])]
    return [Fernet(key.encode()) for key in keys]


def _current_readers() -> MultiFernet:
    return MultiFernet(_configured())


def _readers() -> MultiFernet:
    """Every encryption key a stored copy may have been made with: those configured, and the
    one derived from SECRET_KEY before the keys had settings of their own."""
    legacy = _legacy_from_secret_key(b"e-surety: authentication key encryption")
    return MultiFernet([*_configured(), Fernet(base64.urlsafe_b64encode(legacy))])


def _legacy_from_secret_key(purpose: bytes) -> bytes:
    """32 bytes derived from SECRET_KEY as earlier versions did (read only, to rehash)."""
    secret = current_app.config["SECRET_KEY"].encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret)


def _digest_secret() -> bytes:
    return current_app.config["KEY_DIGEST_SECRET"].encode()
