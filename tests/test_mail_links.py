"""Links in mails point at PUBLIC_URL whatever Host a request carries; production refuses
requests for other hosts, and refuses to start without its secrets and public address."""

import os
import subprocess
import sys

import pytest
from sqlalchemy import select

from config import INSTANCE_DIR
from documents.signing import DEMO_DIR, demo_signing_files
from extensions import db
from models import OutboxMail

EMAIL = "applicant@demo.example.jp"


def _mailed_link() -> str:
    mail = db.session.scalars(
        select(OutboxMail).where(OutboxMail.to == EMAIL).order_by(OutboxMail.id.desc())
    ).first()
    return next(word for word in mail.body_text.split() if "/password/link/" in word)


@pytest.mark.rendered_form("account.forgot_password")
def test_a_reset_asked_with_a_foreign_host_mails_a_link_to_the_public_url(app, web):
    page = web.get("/password/forgot", headers={"Host": "evil.example"})
    form = page.forms[0]
    form["email"] = EMAIL
    assert form.submit(headers={"Host": "evil.example"}).status_code == 303
    link = _mailed_link()
    assert link.startswith("https://e-surety.test/password/link/"), link
    assert "evil.example" not in link


def test_behind_a_proxy_a_forwarded_host_does_not_reach_the_mail(app_with, world):
    proxied = app_with(BEHIND_PROXY=True)
    client = proxied.test_client()
    forwarded = {"X-Forwarded-Host": "evil.example", "X-Forwarded-For": "203.0.113.9"}
    page = client.get("/password/forgot", headers=forwarded).text
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        "/password/forgot", data={"csrf_token": token, "email": EMAIL}, headers=forwarded
    )
    assert response.status_code == 303
    assert _mailed_link().startswith("https://e-surety.test/password/link/")


def test_a_public_url_with_a_path_prefixes_the_links(app_with, world):
    from operations.links import link_url

    prefixed = app_with(PUBLIC_URL="https://portal.example.jp/e-surety/")
    with prefixed.app_context():
        assert link_url("abc") == "https://portal.example.jp/e-surety/password/link/abc"


#: What production refuses to start without.
REQUIRED = [
    "PUBLIC_URL", "SECRET_KEY", "KEY_DIGEST_SECRET", "KEY_ENCRYPTION_KEY", "CHECK_CODE_SECRET"
]  # fmt: skip


def _production(app_with, **settings):
    signing = demo_signing_files(INSTANCE_DIR / DEMO_DIR)
    material = {"PDF_SIGNING_KEY": str(signing.key), "PDF_SIGNING_CERT": str(signing.cert)}
    return app_with(
        **{"PRODUCTION": True, "PUBLIC_URL": "https://e-surety.test", **material, **settings}
    )


def test_production_refuses_a_request_for_an_untrusted_host(app_with, world):
    client = _production(app_with).test_client()
    assert client.get("/login", headers={"Host": "e-surety.test"}).status_code == 200
    assert client.get("/login", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/login").status_code == 400  # the test client's localhost: not ours


def test_production_behind_a_proxy_refuses_a_forwarded_foreign_host(app_with, world):
    client = _production(app_with, BEHIND_PROXY=True).test_client()
    ours = {"Host": "10.0.0.5", "X-Forwarded-Host": "e-surety.test"}
    evil = {"Host": "10.0.0.5", "X-Forwarded-Host": "evil.example"}
    assert client.get("/login", headers=ours).status_code == 200
    assert client.get("/login", headers=evil).status_code == 400


def test_production_trusts_the_extra_hosts_it_is_given(app_with, world):
    client = _production(app_with, EXTRA_TRUSTED_HOSTS=["intra.example.lg.jp"]).test_client()
    assert client.get("/login", headers={"Host": "intra.example.lg.jp"}).status_code == 200


@pytest.mark.parametrize("missing", REQUIRED)
def test_production_refuses_to_start_without_a_required_setting(app_with, missing):
    with pytest.raises(SystemExit) as refused:
        _production(app_with, **{missing: ""})
    message = str(refused.value.code)
    assert missing in message and "\n" not in message


def test_serve_refuses_to_start_without_settings_saying_why_in_one_line(app):
    environment = {key: value for key, value in os.environ.items() if key not in REQUIRED}
    environment["ESURETY_ENV"] = "production"
    started = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "routes"],
        cwd=app.root_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode != 0
    (line,) = started.stderr.strip().splitlines()
    for name in REQUIRED:
        assert name in line


def test_a_malformed_public_url_is_refused(app_with):
    with pytest.raises(SystemExit, match="PUBLIC_URL"):
        app_with(PUBLIC_URL="e-surety.example.jp")
