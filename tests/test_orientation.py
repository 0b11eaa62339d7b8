"""Orientation: a skip link, the menu marks where one is, the top page's counts lead to their
lists with a 差戻し standing out, 詳細 links named by number, the key tab tells each key's state."""

import re

from models import ApplicationStatus
from tests.builders import make_application


def test_every_page_has_a_skip_link_and_marks_the_current_menu_entry(login_as, client):
    login_as("applicant")
    html = client.get("/applicant/applications").text
    assert '<a class="skip-link" href="#main">本文へ移動</a>' in html and 'id="main"' in html
    current = re.findall(r'<a href="([^"]+)" aria-current="page">', html)
    assert current == ["/applicant/applications"]
    detail = client.get("/applicant/contracts?tab=list").text
    assert (
        re.findall(r'<a href="([^"]+)" aria-current="page">', detail)[0] == "/applicant/contracts"
    )


def test_the_top_page_links_its_counts_and_flags_a_return(world, login_as, client):
    login_as("applicant")
    returned = make_application(status=ApplicationStatus.RETURNED, work_name="差戻しされた工事")
    html = client.get("/applicant/").text
    item = re.search(r'<li class="needs-action">.*?</li>', html, re.S)[0]
    assert 'href="/applicant/applications?status=returned"' in item and "要対応" in item
    listed = client.get("/applicant/applications?status=returned").text
    assert returned.work_name in listed and "申込一覧（差戻し）" in listed
    others = client.get("/applicant/applications?status=draft").text
    assert returned.work_name not in others


def test_detail_links_are_named_by_number_and_the_key_tab_tells_the_key_state(
    login_as, client, contract
):
    login_as("applicant")
    html = client.get("/applicant/contracts?tab=keys").text
    assert '<th scope="col">詳細</th>' in html and '<th scope="col">認証キー</th>' in html
    assert f'aria-label="{contract.number} の詳細">詳細</a>' in html
    assert "有効（" in html


def test_notes_stand_outside_headings_and_the_certificate_page_has_its_h1(
    login_as, client, contract
):
    login_as("applicant")
    page = client.get(f"/applicant/contracts/{contract.id}").text
    assert not re.search(r"<h[1-6][^>]*>[^<]*(<[^h/][^>]*>[^<]*)*※", page)
    certificate = client.get(f"/applicant/contracts/{contract.id}/versions/1").text
    assert f"<h1>保証証券 {contract.number}（" in certificate
