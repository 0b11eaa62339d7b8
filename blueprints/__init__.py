"""The web layer: one blueprint per audience, plus auth and the public pages."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Mount every blueprint at its URL prefix; every `<int:…>` in them is a database id."""
    from blueprints.account.routes import bp as account
    from blueprints.admin import systems as admin_systems  # noqa: F401  (joins admin)
    from blueprints.admin.routes import bp as admin
    from blueprints.api import register_api
    from blueprints.applicant.routes import bp as applicant
    from blueprints.auth.routes import bp as auth
    from blueprints.branch import bp as branch
    from blueprints.company.routes import bp as company
    from blueprints.converters import DatabaseIdConverter
    from blueprints.orderer_staff import systems  # noqa: F401  (its routes join orderer_staff)
    from blueprints.orderer_staff.routes import bp as orderer_staff
    from blueprints.public.routes import bp as public
    from blueprints.verifier import bulk  # noqa: F401  (its routes join verifier)
    from blueprints.verifier.routes import bp as verifier

    app.url_map.converters["int"] = DatabaseIdConverter
    app.register_blueprint(public)
    app.register_blueprint(auth)
    app.register_blueprint(applicant, url_prefix="/applicant")
    app.register_blueprint(admin, url_prefix="/admin")
    app.register_blueprint(account)
    app.register_blueprint(company, url_prefix="/company")
    app.register_blueprint(branch, url_prefix="/branch")
    app.register_blueprint(verifier, url_prefix="/verifier")
    app.register_blueprint(orderer_staff, url_prefix="/verifier/staff")
    register_api(app)
