"""Configuration read from the environment, with safe defaults for a one-machine pilot."""

import base64
import os
import re
import secrets
import tempfile
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from cryptography import x509

INSTANCE_DIR = Path(__file__).parent / "instance"

#: Production (`make serve`) is recognised by ESURETY_ENV=production: secrets and the public
#: address must then come from the environment, and the app refuses to start without them.
PRODUCTION = os.environ.get("ESURETY_ENV", "").strip().lower() == "production"


def _instance_secret(name: str, make) -> str:
    """A random secret generated once into instance/ (never committed)."""
    INSTANCE_DIR.mkdir(exist_ok=True)
    path = INSTANCE_DIR / name
    if not path.exists():
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


def _secret(name: str, make=lambda: secrets.token_hex(32)) -> str:
    """A secret from the environment, or (outside production) one generated once into instance/.

    In production a missing one stays empty and create_app refuses to start: every machine
    must share the same value, which a file generated on one of them cannot give.
    """
    value = os.environ.get(name, "").strip()
    if value or PRODUCTION:
        return value
    return _instance_secret(name.lower(), make)


def _new_fernet_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def _words(value: str) -> list[str]:
    """A list setting written as words separated by commas or spaces."""
    return [word for word in value.replace(",", " ").split() if word]


_PEM_CERTIFICATE = re.compile(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", re.S)


def _certificates(value: str) -> list[str]:
    """A list of certificates, each a path to a PEM file or the PEM text itself (written with
    its line breaks, or with `\\n` for them, or on one line)."""
    value = value.replace("\\n", "\n")
    pems = [_rewrapped(pem) for pem in _PEM_CERTIFICATE.findall(value)]
    return pems + _words(_PEM_CERTIFICATE.sub(" ", value))


def _rewrapped(pem: str) -> str:
    """PEM text with its base64 body in lines of 64, however it was broken."""
    body = re.sub(r"\s+", "", pem.split("-----")[2])
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join(["-----BEGIN CERTIFICATE-----", *lines, "-----END CERTIFICATE-----\n"])


def _database_url(url: str | None) -> str:
    """Default to an SQLite file; make a bare postgresql:// URL use psycopg 3."""
    if not url:
        return f"sqlite:///{INSTANCE_DIR / 'e-surety.sqlite3'}"
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


class Config:
    """Production and development settings, from the environment."""

    PRODUCTION = PRODUCTION
    #: Signs session cookies and CSRF tokens only: rotating it logs everyone out, nothing more.
    SECRET_KEY = _secret("SECRET_KEY")
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

    # --- Links in mails, trusted hosts, sessions (issue 10) ---
    #: The address people reach the site at; every link in a mail is built from it, never
    #: from the request's Host. Required in production.
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "").strip() or (
        "" if PRODUCTION else "http://127.0.0.1:5000"
    )
    #: More host names the site answers to besides PUBLIC_URL's (production refuses others).
    EXTRA_TRUSTED_HOSTS = _words(os.environ.get("TRUSTED_HOSTS", ""))
    #: A session ends after this long without a request, and this long after the login.
    SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "60"))
    SESSION_LIFETIME_HOURS = int(os.environ.get("SESSION_LIFETIME_HOURS", "12"))

    # --- 認証キー secrets (issue 10), independent of SECRET_KEY ---
    #: The HMAC secret of the stored digests; after a change, `flask keys rehash`.
    KEY_DIGEST_SECRET = _secret("KEY_DIGEST_SECRET")
    #: The Fernet key of the contractor's copy of each 認証キー (decrypted to rehash).
    KEY_ENCRYPTION_KEY = _secret("KEY_ENCRYPTION_KEY", _new_fernet_key)
    #: Earlier encryption keys still read (until `flask keys rehash` re-encrypts).
    KEY_ENCRYPTION_KEYS_OLD = _words(os.environ.get("KEY_ENCRYPTION_KEYS_OLD", ""))

    # --- 確認記録票 codes: derived from a record's nonce with this secret, never stored ---
    #: Changing it: move the old one to CHECK_CODE_SECRETS_OLD (records filed under it are
    #: still downloaded with their own code).
    CHECK_CODE_SECRET = _secret("CHECK_CODE_SECRET")
    CHECK_CODE_SECRETS_OLD = _words(os.environ.get("CHECK_CODE_SECRETS_OLD", ""))

    #: The viewing service that orderers log in to: named in notices and mails (never linked)
    #: and on every page of the verifier's side, so the name on the notice is on the screen.
    VIEWING_SERVICE_NAME = os.environ.get("VIEWING_SERVICE_NAME", "電子保証確認サービス")

    # --- PAdES signatures on every PDF handed out (issue 13) ---
    #: The surety's signing key and its certificate (PEM files); required in production.
    #: Without them (outside production) a demo CA is generated into instance/demo-signing/.
    PDF_SIGNING_KEY = os.environ.get("PDF_SIGNING_KEY", "").strip()
    PDF_SIGNING_CERT = os.environ.get("PDF_SIGNING_CERT", "").strip()
    #: The certificates above the signing certificate (PEM files), up to the root.
    PDF_SIGNING_CHAIN = _words(os.environ.get("PDF_SIGNING_CHAIN", ""))
    #: Earlier signing certificates (PEM files or PEM text): 「PDFを検証」 still accepts a copy
    #: one of them signed, when it matches a stored version byte for byte.
    PDF_SIGNING_CERTS_OLD = _certificates(os.environ.get("PDF_SIGNING_CERTS_OLD", ""))
    #: An RFC 3161 timestamp server, for signatures that validate after the certificate expires.
    PDF_TIMESTAMP_URL = os.environ.get("PDF_TIMESTAMP_URL", "").strip()

    # The mail worker (`flask mail worker`) and its daily jobs.
    #: Seconds each step of an SMTP session may wait for the server before the attempt fails.
    MAIL_TIMEOUT = float(os.environ.get("MAIL_TIMEOUT", "10"))
    #: Seconds the worker rests between passes over the outbox.
    MAIL_WORKER_INTERVAL = float(os.environ.get("MAIL_WORKER_INTERVAL", "5"))
    #: The hour (Japan time, 0-23) from which the daily jobs run, once a day among all workers.
    DAILY_JOBS_HOUR = int(os.environ.get("DAILY_JOBS_HOUR", "6"))

    #: 消費税率 on the 予約手数料 of a 契約保証予約 (guarantee fees are not taxed), e.g. 0.10.
    CONSUMPTION_TAX_RATE = Decimal(os.environ.get("CONSUMPTION_TAX_RATE", "0.10"))

    # Tamper evidence: the daily seals of the audit entries and version chains.
    #: The append-only seal log, one JSON line per sealed day; keep a copy off this machine.
    SEAL_LOG_PATH = os.environ.get("SEAL_LOG_PATH", "").strip() or str(INSTANCE_DIR / "seals.log")
    #: Head office's address for the daily seals (default: the head office branch's address).
    HEAD_OFFICE_EMAIL = os.environ.get("HEAD_OFFICE_EMAIL", "").strip()

    # Rate-limit storage down (Redis unreachable): count in this process's memory meanwhile
    # (Flask-Limiter logs a warning; /health reports it), never fail the request.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    #: And should it fail mid-request (after the check, at a deduction), log it, don't fail.
    RATELIMIT_SWALLOW_ERRORS = True
    #: A Redis that does not answer must not hold a request: give up on it after a second.
    RATELIMIT_STORAGE_OPTIONS = (
        {"socket_connect_timeout": 1, "socket_timeout": 1}
        if RATELIMIT_STORAGE_URI.startswith(("redis", "rediss"))
        else {}
    )


class TestConfig(Config):
    """Settings for the test suite: its own database, mail suppressed unless a test asks."""

    TESTING = True
    PRODUCTION = False
    SECRET_KEY = "test-secret-key"  # noqa: S105
    PUBLIC_URL = "https://e-surety.test"
    KEY_DIGEST_SECRET = "test-key-digest-secret"  # noqa: S105
    KEY_ENCRYPTION_KEY = "dGVzdC1rZXktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM="  # 32 bytes, base64
    KEY_ENCRYPTION_KEYS_OLD: list[str] = []
    CHECK_CODE_SECRET = "test-check-code-secret"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = "sqlite://"  # the test fixtures point it at their own database
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # noqa: S105  (fast: tests make many users)
    MAIL_SUPPRESS_SEND = True
    #: Outside the worktree; the fixtures give each test a seal log of its own.
    SEAL_LOG_PATH = str(Path(tempfile.gettempdir()) / "e-surety-test-seals.log")
    #: Initialised for every test app; the fixtures switch the limiter off except in its tests.
    RATELIMIT_ENABLED = True


#: What each setting required in production is for (named in the refusal to start).
_REQUIRED_IN_PRODUCTION = {
    "PUBLIC_URL": "メールのリンクのアドレス",
    "SECRET_KEY": "セッションの署名",
    "KEY_DIGEST_SECRET": "認証キーの照合",
    "KEY_ENCRYPTION_KEY": "認証キーの暗号化",
    "CHECK_CODE_SECRET": "確認記録票の確認コード",
}


def settings_problem(config) -> str | None:
    """Why the app must not start with these settings (one line), or None."""
    if config.get("PRODUCTION"):
        missing = [name for name in _REQUIRED_IN_PRODUCTION if not config.get(name)]
        if missing:
            names = "、".join(f"{name}（{_REQUIRED_IN_PRODUCTION[name]}）" for name in missing)
            return (
                f"本番設定 (ESURETY_ENV=production) では起動できません: 環境変数 {names} を"
                "設定してください（すべてのサーバーで同じ値）。"
            )
        signing = _signing_material_problem(config)
        if signing:
            return signing
    public_url = config.get("PUBLIC_URL") or ""
    url = urlsplit(public_url)
    if public_url and (url.scheme not in ("http", "https") or not url.hostname):
        return (
            f"PUBLIC_URL は https://e-surety.example.jp のような http(s) のアドレスにしてください"
            f"（現在: {public_url!r}）。"
        )
    for key in [config.get("KEY_ENCRYPTION_KEY"), *config.get("KEY_ENCRYPTION_KEYS_OLD", [])]:
        if key and not _is_fernet_key(key):
            return (
                "KEY_ENCRYPTION_KEY と KEY_ENCRYPTION_KEYS_OLD は Fernet 鍵"
                "（32バイトの URL-safe Base64）にしてください。"
            )
    for entry in config.get("PDF_SIGNING_CERTS_OLD", []):
        if not _is_certificate(entry):
            shown = entry if len(entry) < 80 and "\n" not in entry else "（PEM の証明書）"
            return (
                "PDF_SIGNING_CERTS_OLD には、以前の署名用証明書の PEM ファイルのパスか PEM の"
                f"本文を書いてください。読めないもの: {shown}"
            )
    return None


def _is_certificate(entry: str) -> bool:
    """Whether a PDF_SIGNING_CERTS_OLD entry is (or names a file holding) a PEM certificate."""
    try:
        data = entry.encode() if entry.startswith("-----BEGIN") else Path(entry).read_bytes()
        return bool(x509.load_pem_x509_certificates(data))
    except (OSError, ValueError):
        return False


def _signing_material_problem(config) -> str | None:
    """Why production cannot sign its PDFs with the configured material, or None."""
    names = ["PDF_SIGNING_KEY", "PDF_SIGNING_CERT"]
    missing = [name for name in names if not config.get(name)]
    if missing:
        return (
            f"本番設定 (ESURETY_ENV=production) では起動できません: 環境変数 {'、'.join(missing)}"
            "（PDF に署名する保証会社の鍵と証明書の PEM ファイル）を設定してください。"
        )
    for path in [config[name] for name in names] + list(config.get("PDF_SIGNING_CHAIN", [])):
        if not Path(path).is_file():
            return f"PDF の署名用ファイルが読めません: {path}"
    return None


def trusted_hosts(config) -> list[str] | None:
    """In production, the host names a request may carry: PUBLIC_URL's and TRUSTED_HOSTS."""
    if not config.get("PRODUCTION"):
        return None
    return [urlsplit(config["PUBLIC_URL"]).hostname, *config.get("EXTRA_TRUSTED_HOSTS", [])]


def _is_fernet_key(key: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(key.encode())) == 32
    except ValueError:
        return False
