"""Searching text the way people expect: the words anywhere, wildcards taken literally."""


def contains(text: str) -> str:
    """A LIKE pattern (escape character \\) matching `text` anywhere, % and _ as typed."""
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
