"""The request boundary: one commit per successful request, nothing kept from a failed one
(except records an operation marked to keep, such as a refused attempt).

Mails queued during the request are stored in its transaction; the mail worker sends them.
"""

from flask import Flask, Response, render_template, request
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from extensions import db
from operations.audit import kept_despite_refusal

CONFLICT_TEXT = (
    "他の操作と重なったため、保存できませんでした。"
    "画面を読み込み直してから、もう一度操作してください。"
)


def constraint_of(error: IntegrityError) -> str:
    """The constraint an insert or update broke: its name on PostgreSQL, the database's own
    words on SQLite (e.g. UNIQUE constraint failed: guarantee_contract.number)."""
    diagnosis = getattr(error.orig, "diag", None)
    name = getattr(diagnosis, "constraint_name", None)
    if name:
        return name
    return str(error.orig).splitlines()[0] if error.orig is not None else "unknown"


def register_transaction_boundary(app: Flask) -> None:
    """Commit after every response below 400; a conflict, at commit or before, is a 409 page."""

    @app.after_request
    def commit(response: Response) -> Response:
        if response.status_code >= 400 and not kept_despite_refusal():
            db.session.rollback()
            return response
        try:
            db.session.commit()
        except (StaleDataError, IntegrityError) as error:
            return conflict(error)
        return response

    @app.errorhandler(StaleDataError)
    @app.errorhandler(IntegrityError)
    def conflict(error: Exception) -> Response:
        """Nothing of the request kept; logged with its path and, for a constraint, its name;
        the user told to reload."""
        db.session.rollback()
        app.logger.warning(
            "Conflict on %s %s: %s%s",
            request.method,
            request.path,
            type(error).__name__,
            f" ({constraint_of(error)})" if isinstance(error, IntegrityError) else "",
        )
        title = "保存できませんでした"
        return Response(render_template("errors/error.html", title=title, text=CONFLICT_TEXT), 409)
