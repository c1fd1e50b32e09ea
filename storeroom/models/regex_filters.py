"""InvenTree's `*_regex` filters (`IPN_regex`, `name_regex`, `batch_regex`): Django's `iregex`,
the database's own regular expressions ignoring case. One SQL call on both databases,
`regexp_like(value, pattern, 'i')`: PostgreSQL's, and on SQLite Python's `re` (db/regex.py), as
Django's SQLite backend has it.

A pattern Python cannot compile is a 400 naming the parameter, never a database error. PostgreSQL
reads a few constructs Python accepts differently or not at all (named groups, `\\b`); one it
refuses is a 400 too (db/outage.py). An empty pattern filters nothing, as django-filter skips an
empty value."""

from __future__ import annotations

import re
import warnings
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import NULL_CHARACTERS, FieldError

IGNORING_CASE: sa.ColumnElement[str] = sa.literal_column("'i'")


def parse_pattern(raw: Any) -> str:
    pattern = str(raw)
    if "\x00" in pattern:
        raise FieldError(NULL_CHARACTERS)
    # A FutureWarning ("possible nested set") means Python reads the pattern one way today and
    # another tomorrow: refused like an error.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            re.compile(pattern)
        except (re.error, Warning) as error:
            raise FieldError(f"Enter a valid regular expression: {error}.") from None
    return pattern


def matching(column: sa.ColumnElement[Any], pattern: Any) -> sa.ColumnElement[bool]:
    """`column` matches `pattern` somewhere, ignoring case; every row for an empty pattern."""
    found = sa.func.regexp_like(column, pattern, IGNORING_CASE, type_=sa.Boolean)
    return sa.or_(pattern == "", found)
