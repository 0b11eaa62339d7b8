"""The queue's search and pages at any scale: indexed on both backends, a stable order."""

import html
import re

import pytest

from blueprints import paging
from extensions import db
from models import Application, ApplicationStatus


def _add(sent, names):
    for n, name in enumerate(names):
        db.session.add(
            Application(
                contractor_id=sent.contractor_id, created_by_id=sent.created_by_id,
                form_token=f"search-{n}", status=ApplicationStatus.SUBMITTED,
                work_name=name, branch_id=sent.branch_id, updated_at=sent.updated_at,
            )
        )  # fmt: skip
    db.session.commit()


def _names(page: str) -> list[str]:
    return [html.unescape(name) for name in re.findall(r"<br>([^<]+)</td>", page)]


def test_three_or_more_characters_match_anywhere_in_the_work_name(client, login_as, sent):
    _add(sent, ["仙北市大仙橋架替工事", "横手市下水道工事"])
    login_as("branch")
    names = _names(client.get("/branch/?q=大仙橋").text)
    assert names == ["仙北市大仙橋架替工事"]


def test_one_or_two_characters_match_the_start_of_the_work_name(client, login_as, sent):
    _add(sent, ["鹿角市道路工事", "仙北市鹿角橋架替工事", "鹿渡駅前広場工事"])
    login_as("branch")
    assert _names(client.get("/branch/?q=鹿角").text) == ["鹿角市道路工事"]
    one = sorted(_names(client.get("/branch/?q=鹿").text))
    assert one == ["鹿渡駅前広場工事", "鹿角市道路工事"]


def test_a_short_term_matches_the_start_of_the_company_name_too(client, login_as, sent):
    login_as("branch")
    company = sent.contractor.name
    page = client.get(f"/branch/?q={company[:2]}").text
    assert sent.work_name in page


def test_a_renamed_work_is_found_by_its_new_name_only(client, login_as, sent):
    """The trigram index follows every change (on SQLite, the FTS5 table's triggers)."""
    _add(sent, ["旧名称の舗装工事"])
    renamed = db.session.scalar(
        db.select(Application).where(Application.work_name == "旧名称の舗装工事")
    )
    renamed.work_name = "新名称の舗装工事"
    db.session.commit()
    login_as("branch")
    assert _names(client.get("/branch/?q=新名称").text) == ["新名称の舗装工事"]
    assert "該当する申込はありません" in client.get("/branch/?q=旧名称").text


def test_wildcards_and_quotes_are_taken_literally(client, login_as, sent):
    _add(sent, ['"引用"工事100%_x'])
    login_as("branch")
    assert _names(client.get("/branch/?q=%22引用%22").text) == ['"引用"工事100%_x']
    assert _names(client.get("/branch/?q=100%25_x").text) == ['"引用"工事100%_x']
    assert "該当する申込はありません" in client.get("/branch/?q=100%25%25").text


def test_pages_keep_a_stable_order_when_the_sort_key_ties(client, login_as, sent):
    _add(sent, [f"同時刻工事{n:02d}" for n in range(25)])
    login_as("branch")
    first = _names(client.get("/branch/?q=同時刻").text)
    second = _names(client.get("/branch/?q=同時刻&page=2").text)
    assert len(first) == 20 and len(second) == 5
    assert set(first).isdisjoint(second)
    assert first == _names(client.get("/branch/?q=同時刻").text)


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 30)
    monkeypatch.setattr(paging.capped_page, "__defaults__", (30,))


def test_the_count_stops_at_the_cap_and_later_pages_are_not_offered(
    client, login_as, sent, small_cap
):
    _add(sent, [f"多数工事{n:02d}" for n in range(45)])
    login_as("branch")
    page = client.get("/branch/?q=多数").text
    assert "30件以上" in page and "1 / 2 ページ" in page
    last = client.get("/branch/?q=多数&page=99").text
    assert "2 / 2 ページ" in last and len(_names(last)) == 20
