"""No page takes a file: a multipart upload is refused before any form reads it as text."""

from flask import Flask, abort, request


def register_upload_refusal(app: Flask) -> None:
    """Answer 422 (errors.MESSAGES) to any request that carries a file."""

    @app.before_request
    def refuse_files():
        if request.files:
            abort(422)
