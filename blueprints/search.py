"""Searching text the way people expect: the words anywhere, wildcards taken literally."""

import re
import unicodedata


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
    from sqlalchemy import Integer, column, or_, select, text

    from extensions import db
    from models import Application, Contractor

    term = search.strip()
    if len(term) >= TRIGRAM:
        pattern = contains(term)
        if db.session.get_bind().dialect.name == "postgresql":
            in_work_name = Application.work_name.ilike(pattern, escape="\\")
        else:
            phrase = '"' + term.replace('"', '""') + '"'
            in_work_name = Application.id.in_(
                text("SELECT rowid FROM application_fts WHERE application_fts MATCH :phrase")
                .bindparams(phrase=phrase)
                .columns(column("rowid", Integer))
            )
        in_company = Contractor.name.ilike(pattern, escape="\\")
    else:
        in_work_name = prefix(Application.work_name, term)
        in_company = prefix(Contractor.name, term)
    conditions = [
        in_work_name,
        Application.contractor_id.in_(select(Contractor.id).where(in_company)),
    ]
    number = unicodedata.normalize("NFKC", term)
    if re.fullmatch(r"[0-9]{1,9}", number):
        conditions.append(Application.id == int(number))
    return or_(*conditions)
