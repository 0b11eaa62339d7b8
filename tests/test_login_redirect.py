"""After login, `next` leads only to a path on this site: never to another host."""

from urllib.parse import quote

import pytest

ATTACKS = [
    "/%09/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/%5C/evil.example",
    "https://evil.example",
    "https:/evil.example",
    "%0d%0a",
    "/%0a/evil",
    "/%0d%0aSet-Cookie:%20x=1",
    "%2F%2Fevil.example",
    " //evil.example",
    "\x7f//evil.example",
    "javascript:alert(1)",
    "/%E3%80%80/evil.example",
]


def _log_in_with_next(web, next_param: str):
    page = web.get(f"/login?next={next_param}")
    form = page.forms[0]
    form["login_id"] = "applicant"
    form["password"] = "esurety-demo"
    return form.submit()


@pytest.mark.rendered_form("auth.login")
@pytest.mark.parametrize("next_param", ATTACKS)
def test_next_never_leads_off_site(web, next_param):
    response = _log_in_with_next(web, quote(next_param, safe="%/:"))
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\"))
    assert "evil" not in location.split("?")[0].lstrip("/").split("/")[0]
    assert "\n" not in location and "\r" not in location and "\t" not in location


@pytest.mark.rendered_form("auth.login")
def test_a_tab_in_next_does_not_become_a_host(web):
    response = _log_in_with_next(web, "/%09/evil.example")
    assert response.headers["Location"] == "/applicant/"


@pytest.mark.rendered_form("auth.login")
def test_a_path_on_this_site_still_leads_there(web):
    response = _log_in_with_next(web, "/applicant/contracts")
    assert response.headers["Location"] == "/applicant/contracts"
    assert response.follow().status_code == 200


@pytest.mark.rendered_form("auth.login")
def test_a_path_with_a_query_keeps_it(web):
    response = _log_in_with_next(web, quote("/applicant/contracts?tab=all", safe="/"))
    assert response.headers["Location"] == "/applicant/contracts?tab=all"
