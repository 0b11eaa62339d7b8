"""The web layer: one blueprint per audience, plus auth and the public pages."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Mount every blueprint at its URL prefix."""
    from blueprints.applicant.routes import bp as applicant
    from blueprints.auth.routes import bp as auth
    from blueprints.branch import bp as branch
    from blueprints.public.routes import bp as public

    app.register_blueprint(public)
    app.register_blueprint(auth)
    app.register_blueprint(applicant, url_prefix="/applicant")
    app.register_blueprint(branch, url_prefix="/branch")
