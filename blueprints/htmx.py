"""The one place that decides whether a request wants a page or a fragment (htmx 2)."""

from flask import Response, make_response, render_template

from extensions import htmx

#: The request headers the decision reads; responses that depend on it vary on them.
VARY_HEADERS = "HX-Request, HX-Boosted, HX-History-Restore-Request"


def wants_fragment() -> bool:
    """True for an htmx request that swaps part of a page (not boosted, not a history restore)."""
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render_page_or_fragment(page: str, fragment: str, status: int = 200, **context) -> Response:
    """Render `fragment` alone for htmx, else the full `page` (which includes the fragment)."""
    template = fragment if wants_fragment() else page
    response = make_response(render_template(template, **context), status)
    response.vary.update(h.strip() for h in VARY_HEADERS.split(","))
    return response
