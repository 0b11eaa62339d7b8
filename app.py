"""The application factory: `flask --app app` finds create_app here."""

from flask import Flask, request, session
from flask.logging import default_handler
from flask_login import current_user
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix

import cli
from blueprints import register_blueprints
from blueprints.errors import register_error_handlers
from blueprints.filters import register_template_helpers
from blueprints.security import register_security_headers
from blueprints.transactions import register_transaction_boundary
from blueprints.uploads import register_upload_refusal
from config import Config, settings_problem, trusted_hosts
from extensions import csrf, db, htmx, limiter, login_manager, mail, migrate


def create_app(config: type[Config] = Config) -> Flask:
    """Build the app for one configuration."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config)
    problem = settings_problem(app.config)
    if problem:
        raise SystemExit(problem)
    app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config)
    if app.config["BEHIND_PROXY"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    app.register_error_handler(SecurityError, _untrusted_host)
    register_upload_refusal(app)
    register_security_headers(app)  # before the boundary: its headers reach the 409 page too
    register_transaction_boundary(app)
    register_template_helpers(app)
    cli.register_commands(app)
    return app


def _untrusted_host(error: SecurityError):
    """A request for a host not ours (TRUSTED_HOSTS): plain text, as no page can be built
    (every address in a page would be under that host)."""
    text = "400 このアドレスではご利用いただけません。正しいアドレスからアクセスしてください。\n"
    return text, 400, {"Content-Type": "text/plain; charset=utf-8"}


def register_extensions(app: Flask) -> None:
    """Bind every extension object of extensions.py to this app."""
    import models  # noqa: F401  (the models must be known before migrations run)

    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True)
    csrf.init_app(app)
    mail.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    # Flask-Limiter's warnings (its storage unreachable, counting in memory) go to our log.
    limiter.logger.addHandler(default_handler)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "ログインしてください。"
    login_manager.user_loader(_load_user)
    app.before_request(_check_session)


def _check_session() -> None:
    """Load the user before anything else, so that every request (an htmx field check too)
    checks the session and refreshes its idle time. The API never reads a session."""
    if request.endpoint != "static" and not request.path.startswith("/api/"):
        current_user._get_current_object()


def _load_user(session_id: str):
    """The user of a session, unless the account (or its orderer) was disabled, its sessions
    were ended, or this session was ended at logout or has expired (operations/sessions.py)."""
    from operations.sessions import session_user

    user_id, _, version = session_id.partition(".")
    user = session_user(int(user_id), session.get("sid")) if user_id.isdigit() else None
    if user is None or not user.may_log_in or version != str(user.session_version):
        return None
    return user
