"""`regexp_like(value, pattern, flags)` on SQLite, as PostgreSQL (15+) has it built in.

InvenTree's `*_regex` filters are Django's `iregex`: the database's own regular expressions
(PostgreSQL's `~*`, Python's `re` on SQLite). SQLite has no regular expressions, so every SQLite
connection of ours (the engines' and the raw read connections) gets this function, and one SQL
call reads the same on both databases.
"""

from __future__ import annotations

import re

NAME = "regexp_like"
ARGUMENTS = 3


def regexp_like(value: object, pattern: str | None, flags: str | None) -> bool | None:
    """Whether `pattern` matches somewhere in `value` (`i` in `flags`: ignoring case); null for a
    null value, as PostgreSQL answers. A pattern reaches here only once the filter that bound it
    compiled it (models/regex_filters.py), so `re.error` is not raised here."""
    if value is None or pattern is None:
        return None
    options = re.IGNORECASE if flags and "i" in flags else 0
    return re.search(pattern, str(value), options) is not None
