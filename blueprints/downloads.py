"""Sending a generated file to the browser as a download."""

from urllib.parse import quote

from flask import Response, abort, request


def pdf_download(content: bytes | None, filename: str) -> Response:
    """A PDF download named `filename` (Japanese, RFC 6266), with an ASCII name for old clients;
    404 when there is no such document (None: e.g. no 解約, so no 保証料返還計算書)."""
    if content is None:
        abort(404)
    return _download(content, "application/pdf", filename, "document.pdf")


def csv_download(content: bytes, filename: str) -> Response:
    """A CSV download (UTF-8 with BOM, so Excel reads the Japanese) named `filename`."""
    return _download(content, "text/csv; charset=utf-8", filename, "list.csv")


def _download(content: bytes, mimetype: str, filename: str, ascii_name: str) -> Response:
    """The file with an ETag of its bytes: a client that has them already gets 304, no body."""
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    response = Response(content, mimetype=mimetype, headers={"Content-Disposition": disposition})
    response.add_etag()
    return response.make_conditional(request)
