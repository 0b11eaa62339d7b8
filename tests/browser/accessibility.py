"""axe-core (from axe-playwright-python) in the browser tests: WCAG 2.1 A/AA and axe's
best-practice rules, no violation allowed; and the phone width check (WCAG 1.4.10)."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
_AXE = Axe()

PHONE = {"width": 390, "height": 844}
#: 1280 px at 400 % zoom (WCAG 1.4.10 reflow).
ZOOMED = {"width": 320, "height": 256}
DESKTOP = {"width": 1280, "height": 800}


def violations(page: Page) -> list[str]:
    """Each axe violation on the page as it stands, as `rule: target, …` lines."""
    options = {"runOnly": {"type": "tag", "values": RULES}, "resultTypes": ["violations"]}
    results = _AXE.run(page, options=options)
    return [
        f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:5])}"
        for v in results.response["violations"]
    ]


def assert_accessible(page: Page) -> None:
    """No axe violation on the page as it stands (the page and its state are named on failure)."""
    found = violations(page)
    assert not found, f"{page.url}:\n" + "\n".join(found)


def sideways_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate("Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")
