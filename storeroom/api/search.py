"""`?search=`: InvenTree's search semantics, read through the tables' search indexes.

As DRF's SearchFilter in InvenTree: the text is split on whitespace, and each term must be found
(case-insensitively, anywhere: `icontains`) in one of the resource's search fields. Every
character of a term is literal: `%`, `_`, `\\`, quotes and FTS5's syntax (`* " ( ) : -`).

On SQLite a term of three characters or more is looked up in the table's FTS5 trigram table (the
term as one quoted FTS5 string, so nothing in it is syntax); a shorter term, which has no trigram,
and the computed search fields (the name of a related row) are matched with LIKE. On PostgreSQL
every term is an ILIKE per field, which pg_trgm's GIN indexes serve (db/search_index.py).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api.resource import Resource
from storeroom.db.search_index import SHORTEST_INDEXED_TERM, fts_table, search_columns
from storeroom.errors import Invalid

# Each term is a condition of its own in the statement, and each count of terms a statement.
MAX_TERMS = 20


def search_terms(text: str) -> list[str]:
    terms = text.split()
    if len(terms) > MAX_TERMS:
        raise Invalid.field("search", f"Search for at most {MAX_TERMS} terms at once.")
    return terms


def search_shape(text: str) -> tuple[bool, ...]:
    """What a search changes in the SQL: how many terms, and which ones an index can serve."""
    return tuple(is_indexed(term) for term in search_terms(text))


def is_indexed(term: str) -> bool:
    return len(term) >= SHORTEST_INDEXED_TERM


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_phrase(term: str) -> str:
    """The term as one FTS5 string: inside double quotes every character is literal, and a
    double quote is written twice."""
    return '"' + term.replace('"', '""') + '"'


def search_values(text: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for number, term in enumerate(search_terms(text)):
        values[f"search_{number}"] = like_pattern(term)
        values[f"search_phrase_{number}"] = fts_phrase(term)
    return values


def search_condition(resource: Resource, text: str, dialect: str) -> sa.ColumnElement[bool]:
    """Every term found in one of the search fields."""
    table = resource.table
    indexed = set(search_columns(table)) if dialect == "sqlite" else set()
    fields = [resource.field(name) for name in resource.search]
    unindexed = [resource.column(spec.name) for spec in fields if spec.column_name not in indexed]
    every_field = [resource.column(spec.name) for spec in fields]
    conditions = []
    for number, long_enough in enumerate(search_shape(text)):
        pattern: sa.BindParameter[str] = sa.bindparam(f"search_{number}")
        if indexed and long_enough:
            fts = fts_table(table)
            phrase: sa.BindParameter[str] = sa.bindparam(f"search_phrase_{number}")
            found = sa.select(fts.c.rowid).where(fts.c[fts.name].match(phrase))
            likes = [column.ilike(pattern, escape="\\") for column in unindexed]
            conditions.append(sa.or_(table.c.id.in_(found), *likes))
        else:
            conditions.append(
                sa.or_(*(column.ilike(pattern, escape="\\") for column in every_field))
            )
    return sa.and_(*conditions)
