"""Every POST route a page's form posts to is reached at least once through its rendered form.

The tests that do so carry `@pytest.mark.rendered_form("blueprint.endpoint", …)` and drive the
form with the `web` fixture (which checks that the named endpoints were posted to). The markers
are read from the source of every test module, so the check holds under `pytest -k` and when
only some files are run.
"""

import ast
from pathlib import Path

TESTS = Path(__file__).parent

#: POST routes no page form posts to: only htmx does, and the browser tests cover them.
HTMX_ONLY = {
    # The application form's live check of a field as it is left (hx-post on each input);
    # tests/browser/test_application_journey.py types into the form and reads the messages.
    "applicant.check_field",
}


def _marked_endpoints() -> dict[str, list[str]]:
    """Endpoint → the test files naming it in a rendered_form marker."""
    found: dict[str, list[str]] = {}
    for module in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "rendered_form"
            ):
                continue
            for argument in node.args:
                assert isinstance(argument, ast.Constant) and isinstance(argument.value, str), (
                    f"{module.relative_to(TESTS)}:{node.lineno}: name endpoints as plain strings"
                )
                found.setdefault(argument.value, []).append(str(module.relative_to(TESTS)))
    return found


def _post_endpoints(app) -> set[str]:
    """The POST routes of pages (the JSON API has no forms: tests/api calls it as a system)."""
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and not rule.endpoint.startswith("api.")
    }


def test_every_post_route_is_reached_through_its_rendered_form(app):
    missing = _post_endpoints(app) - HTMX_ONLY - set(_marked_endpoints())
    assert not missing, "POST routes without a rendered-form test:\n" + "\n".join(sorted(missing))


def test_markers_and_the_htmx_list_name_real_post_routes(app):
    posts = _post_endpoints(app)
    unknown = (set(_marked_endpoints()) | HTMX_ONLY) - posts
    assert not unknown, f"not POST endpoints: {sorted(unknown)}"
