"""Headers that protect every page, and the health check."""


def test_every_page_forbids_inline_script_and_framing(client, world):
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_carry_no_inline_script(client, login_as):
    login_as("applicant")
    for url in ("/login", "/guide", "/orderers", "/applicant/", "/applicant/applications/new"):
        page = client.get(url).text
        assert "<script>" not in page and " onclick=" not in page, url
        assert "style=" not in page, url  # the policy allows no inline style either


def test_session_cookie_is_httponly_and_samesite_lax(client, world, post):
    response = post("/login", {"login_id": "applicant", "password": "esurety-demo"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_health_answers_when_the_database_does(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.text.splitlines()[0] == "ok"


def test_the_session_is_renewed_at_login(client, world, post):
    with client.session_transaction() as session:
        session["planted"] = "by someone before the login"
    post("/login", {"login_id": "applicant", "password": "esurety-demo"})
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"]


def test_cookies_are_secure_when_served_over_https(app, client, world, post):
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        response = post("/login", {"login_id": "applicant", "password": "esurety-demo"})
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    assert "Secure" in response.headers["Set-Cookie"]


def test_error_pages_carry_the_security_headers_too(client, world):
    for response in (client.get("/no-such-page"), client.delete("/login")):
        assert response.status_code in (404, 405)
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
