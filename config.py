"""Configuration read from the environment, with safe defaults for a one-machine pilot."""

import os
import secrets
from pathlib import Path

INSTANCE_DIR = Path(__file__).parent / "instance"


def _instance_secret(name: str) -> str:
    """A random secret generated once into instance/ (never committed)."""
    INSTANCE_DIR.mkdir(exist_ok=True)
    path = INSTANCE_DIR / name
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _database_url(url: str | None) -> str:
    """Default to an SQLite file; make a bare postgresql:// URL use psycopg 3."""
    if not url:
        return f"sqlite:///{INSTANCE_DIR / 'e-surety.sqlite3'}"
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


class Config:
    """Production and development settings, from the environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY") or _instance_secret("secret_key")
    SQLALCHEMY_DATABASE_URI = _database_url(os.environ.get("DATABASE_URL"))
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "") == "1"
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "e-surety@localhost")

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    #: Certificate lookups (電子証書の確認), besides the per-contract lockout after wrong keys.
    LOOKUP_LIMIT_PER_USER = os.environ.get("LOOKUP_LIMIT_PER_USER", "30 per minute")
    LOOKUP_LIMIT_PER_ADDRESS = os.environ.get("LOOKUP_LIMIT_PER_ADDRESS", "60 per minute")
    RATELIMIT_HEADERS_ENABLED = True

    #: Behind a load balancer: trust its X-Forwarded-For/-Proto/-Host (one hop), so client
    #: addresses (rate limits, audit) and links in mails are the public ones.
    BEHIND_PROXY = os.environ.get("BEHIND_PROXY", "") == "1"

    #: The largest request body accepted (1 MiB); a larger one is answered 413.
    MAX_CONTENT_LENGTH = 1024 * 1024

    PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105  (a method name, not a password)

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "") == "1"
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    #: A Fernet key for the contractor's copy of each 認証キー; derived from SECRET_KEY if unset.
    KEY_ENCRYPTION_KEY = os.environ.get("KEY_ENCRYPTION_KEY", "")

    #: The viewing service that orderers log in to; named in notices, never linked.
    VIEWING_SERVICE_NAME = os.environ.get("VIEWING_SERVICE_NAME", "保証確認サービス (D-Sure)")


class TestConfig(Config):
    """Settings for the test suite: its own database, mail suppressed unless a test asks."""

    TESTING = True
    SECRET_KEY = "test-secret-key"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = "sqlite://"  # the test fixtures point it at their own database
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # noqa: S105  (fast: tests make many users)
    MAIL_SUPPRESS_SEND = True
    #: Initialised for every test app; the fixtures switch the limiter off except in its tests.
    RATELIMIT_ENABLED = True
