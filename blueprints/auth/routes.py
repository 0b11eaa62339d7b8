"""Logging in and out."""

from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from blueprints.access import home_url
from blueprints.auth.forms import LoginForm
from extensions import limiter
from operations.accounts import authenticate
from operations.sessions import end_session, start_session

bp = Blueprint("auth", __name__)


#: Failed logins allowed per 15 minutes: per address and login ID, per address, and per
#: login ID from anywhere (high, so strangers elsewhere cannot lock its owner out).
FAILURES_PER_ADDRESS_AND_ID = "10 per 15 minutes"
FAILURES_PER_ADDRESS = "50 per 15 minutes"
FAILURES_PER_ID = "100 per 15 minutes"


def _tried_id() -> str:
    """The login ID being tried, as the throttle counts it."""
    return request.form.get("login_id", "").strip().lower()[:100]


def _per_id() -> str:
    return "login-id:" + _tried_id()


def _per_address_and_id() -> str:
    return f"login-from:{get_remote_address()} {_tried_id()}"


def _failed(response) -> bool:
    """Only failed tries count (a successful login answers 303)."""
    return response.status_code != 303


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
@limiter.limit(FAILURES_PER_ADDRESS, methods=["POST"], deduct_when=_failed)
@limiter.limit(
    FAILURES_PER_ADDRESS_AND_ID, key_func=_per_address_and_id, methods=["POST"], deduct_when=_failed
)
@limiter.limit(FAILURES_PER_ID, key_func=_per_id, methods=["POST"], deduct_when=_failed)
def login():
    """Show the login form; on success go to the role's top page (or where the user was going).

    One login serves every role; reached on the way to the verifier's pages it carries the
    viewing service's name, the one the key notice tells the orderer's staff to log in to.
    """
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.login_id.data.strip(), form.password.data)
        if user is not None:
            session.clear()  # a fresh session at login: nothing carried over from before
            session["sid"] = start_session(user)
            login_user(user)
            return redirect(_safe_next() or home_url(user), code=303)
        form.password.errors.append("ログインIDまたはパスワードが正しくありません。")
    verifier_login = (_safe_next() or "").startswith(url_for("verifier.lookup"))
    return render_template("auth/login.html", form=form, verifier_login=verifier_login)


@bp.post("/logout")
@login_required
def logout():
    """End the session (on the server too: a copy of the cookie opens nothing) and go back
    to the login page."""
    end_session(session.get("sid"))
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"), code=303)


def _safe_next() -> str | None:
    """The `next` target when it is a path on this site, never another host.

    Browsers drop tabs and newlines from an address and read a backslash as a slash, so
    those are removed first; what is left must have no scheme, no host and one leading `/`.
    """
    target = "".join(c for c in request.args.get("next", "") if c.isprintable())
    target = target.replace("\\", "/")
    try:
        parts = urlsplit(target)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
