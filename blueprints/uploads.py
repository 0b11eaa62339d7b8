"""Files are taken by the endpoints of UPLOADS only, each with its own size limit; any other
request carrying a file is refused before a form reads it as text."""

from flask import Flask, abort, request
from flask.wrappers import Request

#: The endpoints that take a file, and the largest request body each accepts (bytes).
UPLOADS = {"verifier.pdf_check": 2 * 1024 * 1024, "verifier.bulk_check": 1024 * 1024}


class UploadLimitedRequest(Request):
    """A request whose body limit is its endpoint's in UPLOADS, else MAX_CONTENT_LENGTH.

    Decided on the request itself, so it holds from the first read of the body (the CSRF
    check reads the form before any view runs)."""

    @property
    def max_content_length(self) -> int | None:
        if self.url_rule is not None and self.url_rule.endpoint in UPLOADS:
            return UPLOADS[self.url_rule.endpoint]
        return super().max_content_length


def register_upload_refusal(app: Flask) -> None:
    """Answer 422 (errors.MESSAGES) to any request that carries a file to an endpoint that
    takes none; give the endpoints that take one their own body limit."""
    app.request_class = UploadLimitedRequest

    @app.before_request
    def refuse_files():
        if request.endpoint not in UPLOADS and request.files:
            abort(422)
