"""Japanese era dates (和暦) as printed on certificates and notices."""

from datetime import date

#: Era names with their first day, newest first.
_ERAS = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
)


def to_wareki(d: date) -> str:
    """Format a date as e.g. 令和6年4月1日; the first year of an era is 元年."""
    for first_day, name in _ERAS:
        if d >= first_day:
            year = d.year - first_day.year + 1
            year_text = "元" if year == 1 else str(year)
            return f"{name}{year_text}年{d.month}月{d.day}日"
    raise ValueError(f"date before the Showa era: {d.isoformat()}")
