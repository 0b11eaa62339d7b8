"""The viewing service the key notice names is the one the orderer's clerk sees on screen."""

import io
import re

import pytest
from pypdf import PdfReader

DEFAULT_NAME = "電子保証確認サービス"


def _named_in_notice(client, login_as, contract) -> str:
    login_as("applicant")
    pdf = client.get(f"/applicant/contracts/{contract.id}/key-notice.pdf").data
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.search(r"電子証券を「([^」]+)」に掲載しました", text).group(1)


def _title_and_header(page) -> tuple[str, str]:
    return page.html.title.get_text(), page.html.select_one("header.site-header").get_text()


@pytest.mark.rendered_form("verifier.lookup")
def test_the_name_on_the_notice_is_the_name_on_the_verifiers_pages(
    app, client, login_as, web, contract, key
):
    name = _named_in_notice(client, login_as, contract)
    assert name == app.config["VIEWING_SERVICE_NAME"] == DEFAULT_NAME

    login = web.get("/verifier/").maybe_follow()
    assert name in login.html.title.get_text() and name in login.html.h1.get_text()
    assert "e-Surety" in login.text  # one login serves every role: both names are shown

    lookup = web.log_in("verifier")
    checked = web.get("/verifier/checked")
    form = next(form for form in lookup.forms.values() if "number" in form.fields)
    form["number"], form["key"] = contract.number, key
    certificate = form.submit().maybe_follow()
    for page in (lookup, checked, certificate):
        title, header = _title_and_header(page)
        assert name in title and name in header, page.request.path
    assert "D-Sure" not in lookup.text + certificate.text


def test_the_name_is_configurable(app, client, login_as, web, contract):
    app.config["VIEWING_SERVICE_NAME"] = "サンプル県電子保証閲覧システム"
    try:
        assert _named_in_notice(client, login_as, contract) == "サンプル県電子保証閲覧システム"
        title, header = _title_and_header(web.log_in("verifier"))
        assert "サンプル県電子保証閲覧システム" in title + header
    finally:
        app.config["VIEWING_SERVICE_NAME"] = DEFAULT_NAME


def test_other_roles_keep_the_products_name(web):
    title, header = _title_and_header(web.log_in("applicant"))
    assert "e-Surety" in title and DEFAULT_NAME not in header
