"""URL converters: ids in URLs are the database's integer keys, nothing larger."""

from werkzeug.routing import IntegerConverter

#: The largest id of a primary key: PostgreSQL's INTEGER (SQLite's holds more).
MAX_ID = 2**31 - 1


class DatabaseIdConverter(IntegerConverter):
    """`<int:…>` that does not match a number beyond MAX_ID, so such a URL is a 404."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
