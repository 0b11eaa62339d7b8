"""Every main page of each role, at a desktop width (1280×800) and on a phone (390×844): no
axe violation (WCAG 2.1 A/AA and best practice), no sideways scrolling on the phone; a
screenshot of each in test-artifacts/."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from extensions import db
from models import Application
from tests.browser.accessibility import (
    DESKTOP,
    PHONE,
    ZOOMED,
    assert_accessible,
    sideways_overflow,
)
from tests.browser.conftest import ARTIFACTS
from tests.browser.steps import log_in
from tests.builders import electronic_contract

pytestmark = pytest.mark.browser


def _ids(app) -> dict:
    with app.app_context():
        contract = electronic_contract()
        application = db.session.scalar(
            select(Application).where(Application.work_name == "市道大曲中央線道路改良工事")
        )
        return {"contract": contract.id, "application": application.id}


def _pages(role: str, ids: dict) -> list[tuple[str, str]]:
    contract, application = ids["contract"], ids["application"]
    return {
        None: [("top", "/"), ("guide", "/guide"), ("orderers", "/orderers"), ("login", "/login")],
        "applicant": [
            ("home", "/applicant/"),
            ("new", "/applicant/applications/new"),
            ("applications", "/applicant/applications"),
            ("contracts", "/applicant/contracts"),
            ("keys", "/applicant/contracts?tab=keys"),
            ("history", "/applicant/contracts?tab=history"),
            ("contract", f"/applicant/contracts/{contract}"),
            ("certificate", f"/applicant/contracts/{contract}/versions/1"),
            ("fee-statements", "/applicant/fee-statements"),
        ],
        "branch": [
            ("queue", "/branch/"),
            ("review", f"/branch/applications/{application}"),
            ("contracts", "/branch/contracts"),
            ("contract", f"/branch/contracts/{contract}"),
            ("outbox", "/branch/outbox"),
            ("fees", "/branch/fees"),
            ("admin", "/admin/"),
        ],
        "hq": [("reservation-fees", "/admin/reservation-fees")],
        "verifier": [
            ("lookup", "/verifier/"),
            ("checked", "/verifier/checked"),
            ("inbox", "/verifier/inbox"),
            ("pdf-check", "/verifier/pdf-check"),
        ],
    }[role]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE, ZOOMED], ids=["desktop", "phone", "zoomed"])
@pytest.mark.parametrize("role", [None, "applicant", "branch", "hq", "verifier"])
def test_main_pages_are_accessible_and_fit_the_width(app, page, world, role, viewport):
    page.set_viewport_size(viewport)
    if role:
        log_in(page, role)
    ARTIFACTS.mkdir(exist_ok=True)
    problems = []
    for name, url in _pages(role, _ids(app)):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        shot = f"{role or 'public'}-{name}-{viewport['width']}.png"
        page.screenshot(path=ARTIFACTS / shot, full_page=True)
        try:
            assert_accessible(page)
        except AssertionError as error:
            problems.append(str(error))
        if viewport is not DESKTOP and (overflow := sideways_overflow(page)):
            problems.append(f"{url}: {overflow}px wider than {viewport['width']}px")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ["applicant", "branch", "verifier"])
def test_the_header_menu_folds_on_a_phone(page, world, role):
    page.set_viewport_size(PHONE)
    log_in(page, role)
    menu = page.get_by_role("button", name="メニュー")
    navigation = page.get_by_role("navigation", name="メインメニュー")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(navigation).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(navigation).to_be_visible()
    page.set_viewport_size(DESKTOP)
    expect(menu).to_be_hidden()
