"""Every state-changing route refuses a request without the CSRF token (generated from the URL
map, so a new POST route is covered the moment it exists). The API alone is exempt: it takes
no cookie, only a bearer token (a session there is 401, tests/api)."""

import pytest

from tests.test_access import ROLES, _record_ids, _routes


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_every_post_route_refuses_a_missing_token(app, client, login_as, role):
    login_as(role)
    values = _record_ids()
    posts = [
        rule
        for rule, _ in _routes(app)
        if "POST" in rule.methods and not rule.endpoint.startswith("api.")
    ]
    assert posts, "the URL map has POST routes"
    for rule in posts:
        url = rule.build(values, append_unknown=False)[1]
        response = client.post(url, data={"work_name": "x"})
        assert response.status_code == 400, f"POST {rule.rule} as {role}"
        assert "不正な送信" in response.text


def test_an_anonymous_post_without_token_is_refused_too(app, client, world):
    for path in ("/login", "/signup", "/password/forgot"):
        assert client.post(path, data={}).status_code == 400, path
