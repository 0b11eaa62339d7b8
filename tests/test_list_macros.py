"""The pager and the status badge every list uses (templates/macros/lists.html)."""

from types import SimpleNamespace

from flask import render_template_string

from domain.lifecycle import Flag, Standing

PAGER = (
    '{% from "macros/lists.html" import pager %}'
    '{{ pager(page, "branch.queue", q=q, sort="number") }}'
)
BADGE = '{% from "macros/lists.html" import badge %}{{ badge(what) }}|{{ badge(what, kind) }}'


def _page(number: int, pages: int):
    return SimpleNamespace(
        page=number, pages=pages, has_prev=number > 1, has_next=number < pages,
        prev_num=number - 1, next_num=number + 1,
    )  # fmt: skip


def test_the_pager_links_both_ways_and_keeps_the_filters(app):
    with app.test_request_context():
        middle = render_template_string(PAGER, page=_page(2, 3), q="大仙")
        first = render_template_string(PAGER, page=_page(1, 3), q=None)
        alone = render_template_string(PAGER, page=_page(1, 1), q=None)
    assert "2 / 3 ページ" in middle
    assert "page=1" in middle and "page=3" in middle and "sort=number" in middle
    assert "q=%E5%A4%A7%E4%BB%99" in middle
    assert "前へ" not in first and "次へ" in first and "q=" not in first
    assert alone.strip() == ""


def test_a_badge_takes_its_colour_from_a_standing_or_a_flag_or_is_told_it(app):
    with app.test_request_context():
        cancelled = render_template_string(BADGE, what=Standing.CANCELLED, kind=None)
        flag = render_template_string(BADGE, what=Flag("期限間近"), kind=None)
        plain = render_template_string(BADGE, what="本店", kind="declined")
    assert cancelled.startswith('<span class="status status-declined">解約</span>')
    assert flag.startswith('<span class="status status-returned">期限間近</span>')
    assert (
        plain == '<span class="status">本店</span>|<span class="status status-declined">本店</span>'
    )
