"""The application factory: `flask --app app` finds create_app here."""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

import cli
from blueprints import register_blueprints
from blueprints.errors import register_error_handlers
from blueprints.filters import register_template_helpers
from blueprints.security import register_security_headers
from blueprints.transactions import register_transaction_boundary
from blueprints.uploads import register_upload_refusal
from config import Config
from extensions import csrf, db, htmx, limiter, login_manager, mail, migrate


def create_app(config: type[Config] = Config) -> Flask:
    """Build the app for one configuration."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config)
    if app.config["BEHIND_PROXY"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_upload_refusal(app)
    register_security_headers(app)  # before the boundary: its headers reach the 409 page too
    register_transaction_boundary(app)
    register_template_helpers(app)
    cli.register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    """Bind every extension object of extensions.py to this app."""
    import models  # noqa: F401  (the models must be known before migrations run)

    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True)
    csrf.init_app(app)
    mail.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "ログインしてください。"
    login_manager.user_loader(_load_user)


def _load_user(session_id: str):
    """The user of a session, unless the account was disabled or its sessions were ended."""
    from models import User

    user_id, _, version = session_id.partition(".")
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is None or not user.is_active or version != str(user.session_version):
        return None
    return user
