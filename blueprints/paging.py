"""Pages of long lists that stay fast at a million rows."""

from math import ceil

from flask import request
from sqlalchemy import func, literal, select

from extensions import db

#: Lists count their rows up to here: past it they say 「1000件以上」 and offer no later pages
#: (narrow the search instead), so no page costs a count or an offset of the whole table.
COUNT_CAP = 1_000


def capped_count(statement, cap: int = COUNT_CAP) -> int:
    """The rows of `statement` counted up to `cap` + 1 (more than `cap` means 「cap件以上」)."""
    return db.session.scalar(
        select(func.count()).select_from(
            statement.order_by(None)
            .with_only_columns(literal(1), maintain_column_froms=True)
            .limit(cap + 1)
            .subquery()
        )
    )


def capped_page(statement, per_page: int, cap: int = COUNT_CAP, *, more: bool = False):
    """db.paginate of `statement` (ordered, ending in a unique key so the order is stable) with
    the count stopped at `cap`; `.capped` tells that there are more rows than `.total`.
    `more`: the caller knows there are more than `cap` rows, so they are not counted."""
    counted = cap + 1 if more else capped_count(statement, cap)
    total = min(counted, cap)
    last = max(1, ceil(total / per_page))
    number = min(max(request.args.get("page", 1, type=int), 1), last)
    page = db.paginate(statement, page=number, per_page=per_page, error_out=False, count=False)
    page.total = total
    page.capped = counted > cap
    return page
