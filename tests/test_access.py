"""The access matrix: every route × every role × own and foreign records.

Built from the URL map, so a new route without an entry in AUDIENCE fails here until someone
decides who may use it.
"""

import pytest
from sqlalchemy import select

from extensions import db
from models import Application, User

#: Who each endpoint is for: "public" (anyone), or the one role whose blueprint it is.
AUDIENCE = {
    "public.index": "public",
    "public.orderers": "public",
    "public.guide": "public",
    "public.health": "public",
    "auth.login": "public",
    "auth.logout": "logged-in",
    "applicant.home": "applicant",
    "applicant.applications": "applicant",
    "applicant.new_application": "applicant",
    "applicant.edit_application": "applicant",
    "applicant.application": "applicant",
    "applicant.confirm_application": "applicant",
    "applicant.submit": "applicant",
    "applicant.sent": "applicant",
    "applicant.withdraw": "applicant",
    "applicant.ratio": "applicant",
    "applicant.certificate_form": "applicant",
    "applicant.check_field": "applicant",
}
ROLES = ("anonymous", "applicant", "applicant2", "branch", "hq", "verifier", "verifier2")
ROLE_OF = {
    "applicant": "applicant",
    "applicant2": "applicant",
    "branch": "branch",
    "hq": "branch",
    "verifier": "verifier",
    "verifier2": "verifier",
}


def _routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        method = "GET" if "GET" in rule.methods else "POST"
        yield rule, method


def test_every_route_has_an_audience(app):
    missing = sorted({rule.endpoint for rule, _ in _routes(app)} - AUDIENCE.keys())
    assert not missing, f"add these endpoints to AUDIENCE: {missing}"


def _record_ids() -> dict[str, int]:
    """The application of applicant's company: its own for applicant, foreign for the others."""
    owner = db.session.scalar(select(User).where(User.login_id == "applicant"))
    application = db.session.scalar(
        select(Application).where(Application.contractor_id == owner.contractor_id).limit(1)
    )
    return {"application_id": application.id, "kind": "advance"}


def _request(client, post, rule, method, values):
    url = rule.build(values, append_unknown=False)[1]
    if method == "GET":
        return client.get(url)
    return post(url, headers={"HX-Trigger-Name": "work_name"})


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(app, client, login_as, post, role):
    if role != "anonymous":
        login_as(role)
    values = _record_ids()
    for rule, method in _routes(app):
        audience = AUDIENCE[rule.endpoint]
        if audience == "logged-in":
            continue  # logout ends the session: tests/test_auth.py covers it
        status = _request(client, post, rule, method, values).status_code
        where = f"{method} {rule.rule} as {role}"
        assert status < 500, where
        if audience == "public":
            assert status < 400, where
        elif role == "anonymous":
            assert status == 302, where  # to the login page
        elif ROLE_OF[role] != audience:
            assert status == 403, where
        elif rule.arguments & {"application_id"} and role != "applicant":
            assert status == 404, where  # another company's record looks like no record
        else:
            assert status not in (403, 404), where
