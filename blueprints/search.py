"""Searching text the way people expect: the words anywhere, wildcards taken literally."""

import re
import unicodedata

from sqlalchemy import Integer, column, false, literal, or_, select, text, union_all

from blueprints.paging import capped_count
from extensions import db
from models import Application, Contractor


def contains(text: str) -> str:
    """A LIKE pattern (escape character \\) matching `text` anywhere, % and _ as typed."""
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


#: Terms shorter than this cannot use a trigram index: they match the start of a name instead.
TRIGRAM = 3


def prefix(column, text: str):
    """`column` starts with `text`, as a range a B-tree index serves on every backend."""
    return (column >= text) & (column < text + "\U0010ffff")


def application_matches(search: str):
    """工事名 or company name containing the term, or the 申込番号 itself, through indexes only.

    3+ characters: anywhere in 工事名 (pg_trgm GIN, or SQLite's FTS5 trigram table
    application_fts) or in the company name. 1-2 characters (「大仙」): at the start of 工事名
    or of the company name (B-tree), since no trigram holds them. Digits: also the 申込番号.
    """
    return or_(*_match_sources(search, as_ids=False))


def narrowed_to_matches(statement, search: str, cap: int):
    """`statement` (a select of Application) narrowed to the applications matching `search`,
    and whether it is known to hold more than `cap` rows (then no count is needed).

    Planners go wrong on the OR of the sources: PostgreSQL estimates half the table for a
    trigram term and walks the sort order instead of the GIN index; SQLite walks every row of
    the branch. So the matching ids are read first, each source through its own index (UNION
    ALL, stopped after `cap` + 1); up to `cap` of them, the page is read by id alone; more
    than that, walking the sort order finds a page at once, since matches are everywhere. A
    1-2 character term that starts more than `cap` 工事名 of the list (an index-only range of
    (branch, 工事名, status)) is known to match more than `cap`: the count of the OR, a scan
    of the list until `cap` matches, is skipped.
    """
    ids = db.session.scalars(union_all(*_match_sources(search, as_ids=True)).limit(cap + 1)).all()
    if not ids:  # a constant the planners drop at once (an empty IN made SQLite walk an index)
        return statement.where(false()), False
    if len(ids) <= cap:
        return statement.where(Application.id.in_(ids)), False
    more = len(search.strip()) < TRIGRAM and (
        capped_count(statement.where(prefix(Application.work_name, search.strip())), cap) > cap
    )
    return statement.where(application_matches(search)), more


def _match_sources(search: str, as_ids: bool) -> list:
    """The conditions of application_matches, or (`as_ids`) one select of ids for each."""
    term = search.strip()
    sqlite = db.session.get_bind().dialect.name == "sqlite"
    work_name_ids = None  # when not the ids of `in_work_name`
    if len(term) >= TRIGRAM:
        pattern = contains(term)
        in_company = Contractor.name.ilike(pattern, escape="\\")
        if not sqlite:
            in_work_name = Application.work_name.ilike(pattern, escape="\\")
        else:
            phrase = '"' + term.replace('"', '""') + '"'
            fts = (
                text("SELECT rowid FROM application_fts WHERE application_fts MATCH :phrase")
                .bindparams(phrase=phrase)
                .columns(column("rowid", Integer))
            )
            in_work_name = Application.id.in_(fts)
            work_name_ids = select(fts.subquery().c.rowid)
    else:
        in_work_name = prefix(Application.work_name, term)
        in_company = prefix(Contractor.name, term)
    companies = Application.contractor_id.in_(select(Contractor.id).where(in_company))
    number = unicodedata.normalize("NFKC", term)
    exact = int(number) if re.fullmatch(r"[0-9]{1,9}", number) else None
    if not as_ids:
        return [in_work_name, companies] + ([Application.id == exact] if exact else [])
    sources = [
        work_name_ids if work_name_ids is not None else select(Application.id).where(in_work_name),
        select(Application.id).where(companies),
    ]
    if exact:
        sources.append(select(literal(exact)))
    return sources
