"""The forms of a page as a browser would submit them (standard library only: the mixed
workload runs in Locust's own venv)."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    """The forms of a page: action → {field: value}, buttons left out."""

    def __init__(self):
        super().__init__()
        self.forms: dict[str, dict[str, str]] = {}
        self._current: dict[str, str] | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._current = self.forms.setdefault(a.get("action") or "", {})
        elif self._current is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind == "radio" and "checked" not in a:
                # Nothing chosen yet: the first choice, as a person filling it in would.
                self._current.setdefault(a["name"], a.get("value") or "")
                return
            if kind == "checkbox" and "checked" not in a:
                return
            if kind in ("submit", "button", "file"):
                return
            self._current[a["name"]] = a.get("value") or ("y" if kind == "checkbox" else "")
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select:
            if "selected" in a or self._select not in self._current:
                self._current[self._select] = a.get("value") or ""
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._current[a["name"]] = ""

    def handle_data(self, data):
        if self._textarea and self._current is not None:
            self._current[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_of(html: str) -> dict[str, dict[str, str]]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms
