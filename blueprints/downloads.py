"""Sending a generated file to the browser as a download."""

from urllib.parse import quote

from flask import Response


def pdf_download(content: bytes, filename: str) -> Response:
    """A PDF download named `filename` (Japanese, RFC 6266), with an ASCII name for old clients."""
    disposition = f"attachment; filename=\"document.pdf\"; filename*=UTF-8''{quote(filename)}"
    return Response(
        content, mimetype="application/pdf", headers={"Content-Disposition": disposition}
    )
