"""The JSON API for orderers' systems (連携システム), documented by flask-smorest.

Only a bearer token authenticates here: a session cookie is ignored (so a logged-in browser
gets 401 like anyone without a token), CSRF is exempted on this blueprint alone, and every
error is application/problem+json with a Japanese title.
"""

from flask import Flask, current_app, request
from flask_smorest import Api
from werkzeug.exceptions import HTTPException

from blueprints.api.problems import TITLES, problem
from blueprints.api.routes import bp
from extensions import csrf


class ProblemApi(Api):
    """flask-smorest's Api without its app-wide JSON error handler: the pages keep their
    Japanese error pages, and the API blueprint answers problem+json itself (each status it
    answers is documented with the operation, so no generic "default" error)."""

    DEFAULT_ERROR_RESPONSE_NAME = None

    def _register_error_handlers(self):
        pass


SPEC = {
    "components": {
        "securitySchemes": {
            "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "description": "発注者管理者が発行した連携システムの API トークン",
            }
        }
    },
    "info": {
        "description": (
            "電子保証の確認を、発注者の契約管理システムから行うための API です。"
            "保証契約番号と認証キーで保証証券を確認し、内容・状態・版・電子保証発行日時を返します。"
        )
    },
    "servers": [{"url": "/"}],
}


def register_api(app: Flask) -> None:
    """Mount the API at /api/v1 and its OpenAPI document at /api/v1/openapi.json."""
    app.config.setdefault("API_TITLE", "e-Surety 電子保証確認 API")
    app.config.setdefault("API_VERSION", "1.0.0")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    api = ProblemApi(app, spec_kwargs=SPEC)
    csrf.exempt(bp)
    api.register_blueprint(bp)
    app.extensions["esurety_api"] = api


def _problem(error: HTTPException):
    """Every HTTP error of the API as problem+json (webargs' 422 carries the field errors).

    Registered for each status too: Flask prefers the app's handler of a status (its HTML
    error page) to a blueprint's handler of a class."""
    data = getattr(error, "data", None) or {}
    messages = data.get("messages", {})
    errors = {
        name: "; ".join(_texts(text))
        for location in messages.values()
        if isinstance(location, dict)
        for name, text in location.items()
    }
    headers = dict(data.get("headers") or {})
    if error.code == 429:
        headers["Retry-After"] = "60"
    current_app.logger.info("API %s %s -> %s", request.method, request.path, error.code)
    return problem(error.code or 500, errors=errors or None, headers=headers)


bp.register_error_handler(HTTPException, _problem)
for _status in TITLES:
    bp.register_error_handler(_status, _problem)


def _texts(value) -> list[str]:
    if isinstance(value, dict):
        return [text for inner in value.values() for text in _texts(inner)]
    if isinstance(value, list):
        return [text for inner in value for text in _texts(inner)]
    return [str(value)]
