"""認証キー secrets of their own: rotating SECRET_KEY changes nothing for keys; rotating the
digest secret or the encryption key, then `flask keys rehash`, keeps every issued key working."""

import base64

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import select

import config
from domain.identifiers import key_digest
from extensions import db
from models import GuaranteeContract, User
from operations.keys import reveal_key
from tests.conftest import sign_in

NEW_FERNET_KEY = "bmV3LWtleS1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcyE="


def _opens(some_app, contract, key) -> bool:
    """Whether the orderer, on `some_app`, opens the certificate with its number and key."""
    client = some_app.test_client()
    sign_in(client, db.session.scalar(select(User).where(User.login_id == "verifier")))
    page = client.get("/verifier/").text
    token = page.split('"X-CSRFToken": "')[1].split('"')[0]
    answer = client.post(
        "/verifier/", data={"csrf_token": token, "number": contract.number, "key": key}
    )
    if answer.status_code != 303:
        return False
    return client.get(answer.location).status_code == 200


def _contractor_sees(some_app, contract) -> str:
    with some_app.test_request_context():
        return reveal_key(db.session.get(GuaranteeContract, contract.id))


def _rehash(some_app):
    """`flask keys rehash` on `some_app` (the test's own app context would be used otherwise)."""
    with some_app.app_context():
        result = some_app.test_cli_runner().invoke(args=["keys", "rehash"])
    db.session.expire_all()
    return result


def test_rotating_the_secret_key_keeps_every_key_working(app, app_with, contract, key):
    rotated = app_with(SECRET_KEY="a-brand-new-secret-key")
    assert _opens(rotated, contract, key)
    assert _contractor_sees(rotated, contract) == key


def test_a_new_digest_secret_and_a_rehash_keep_keys_working(app, app_with, contract, key):
    rotated = app_with(KEY_DIGEST_SECRET="a-new-digest-secret")
    assert not _opens(rotated, contract, key)  # not yet rehashed (the deploy step does it)
    result = _rehash(rotated)
    assert result.exit_code == 0 and "0件" not in result.output
    assert _opens(rotated, contract, key)
    again = _rehash(rotated)
    assert again.exit_code == 0 and "0件" in again.output  # idempotent


def test_a_new_encryption_key_with_the_old_one_kept_then_a_rehash(app, app_with, contract, key):
    old = app.config["KEY_ENCRYPTION_KEY"]
    rotating = app_with(KEY_ENCRYPTION_KEY=NEW_FERNET_KEY, KEY_ENCRYPTION_KEYS_OLD=[old])
    assert _contractor_sees(rotating, contract) == key  # the old key still reads
    assert _rehash(rotating).exit_code == 0
    rotated = app_with(KEY_ENCRYPTION_KEY=NEW_FERNET_KEY)
    assert _contractor_sees(rotated, contract) == key
    assert _opens(rotated, contract, key)


def test_keys_stored_before_the_secrets_of_their_own_are_rehashed(app, contract, key, runner):
    """Earlier versions derived both from SECRET_KEY; rehash redoes them from the copy."""

    def derived(purpose: bytes) -> bytes:
        secret = app.config["SECRET_KEY"].encode()
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret)

    contract.key_digest = key_digest(key, derived(b"e-surety: authentication key digest"))
    legacy = Fernet(base64.urlsafe_b64encode(derived(b"e-surety: authentication key encryption")))
    contract.key_ciphertext = legacy.encrypt(key.encode()).decode()
    contract.key_secrets_id = None
    db.session.commit()
    assert not _opens(app, contract, key)
    assert _rehash(app).exit_code == 0
    assert _opens(app, contract, key)
    assert _contractor_sees(app, contract) == key


def test_a_copy_no_known_key_reads_stops_the_rehash_loudly(app, app_with, contract, key):
    stranger = app_with(KEY_ENCRYPTION_KEY=NEW_FERNET_KEY, KEY_DIGEST_SECRET="other")
    result = _rehash(stranger)
    assert result.exit_code != 0 and contract.number in result.output
    assert contract.key_secrets_id is not None  # left as it was
    assert _opens(app, contract, key)


def test_the_key_secrets_do_not_come_from_secret_key(app_with):
    rotated = app_with(SECRET_KEY="x", KEY_DIGEST_SECRET="", KEY_ENCRYPTION_KEY="")
    assert rotated.config["KEY_DIGEST_SECRET"] == ""  # nothing filled in from SECRET_KEY


def test_development_generates_missing_secrets_once_into_instance(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    monkeypatch.delenv("KEY_ENCRYPTION_KEY", raising=False)
    first = config._secret("KEY_ENCRYPTION_KEY", config._new_fernet_key)
    assert config._secret("KEY_ENCRYPTION_KEY", config._new_fernet_key) == first
    Fernet(first.encode())  # a usable key
    assert (tmp_path / "key_encryption_key").stat().st_mode & 0o077 == 0
