"""A list request's filters, ordering, search and page, and the SQL for it.

Statements are built and compiled once per query *shape* (which filters, which ordering, search or
not, paged or not) with every value a named bind parameter; a request only looks its shape up and
binds values. Building and compiling a statement costs ~350 us, looking it up ~1 us.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql import visitors

from storeroom.api.decorate import Decoration
from storeroom.api.fields import FieldError
from storeroom.api.lru import LRU
from storeroom.api.resource import Resource
from storeroom.api.search import search_condition, search_shape, search_values
from storeroom.auth.caller import Caller
from storeroom.db.fastread import CompiledRead, FastReader, compile_read
from storeroom.errors import Invalid

RESERVED = frozenset(
    {
        "limit",
        "offset",
        "ordering",
        "order_by",
        "search",
        "export",
        "format",
        "api_format",
        "start",
        "max-results",
    }
)


# More terms make no useful order, and each distinct ordering is a statement to compile and keep
# (SQLite refuses an ORDER BY of more than 2,000 terms: a 500 before this limit).
MAX_ORDERING_TERMS = 10
# Compiled statements kept per resource and kind (page, counted page, count), ~4 KB each.
SHAPES_KEPT = 64


@dataclass(frozen=True, slots=True)
class ListQuery:
    # (filter name, parsed value), sorted by name.
    filters: tuple[tuple[str, Any], ...] = ()
    ordering: tuple[str, ...] = ()
    search: str = ""
    limit: int | None = None
    offset: int = 0
    # Who asks, until the filters about the caller are resolved (`for_caller`); not part of the
    # query's shape.
    caller: Caller | None = dataclasses.field(default=None, compare=False)


def from_the_end(query: ListQuery, count: int) -> ListQuery | None:
    """The same page read backwards from the list's end (every direction of the ordering
    flipped, the pk's too; its rows come back reversed), when the page lies in the list's second
    half: a database skips the rows before an OFFSET one by one, so the last page then costs
    what the first does, and no page skips more than half the list. Needs the list's count, so
    it is used when the count is cached (a count up to `count_cache_seconds` old places the page
    as that count does)."""
    if query.limit is None or not count // 2 < query.offset < count:
        return None
    remaining = count - query.offset
    take = min(query.limit, remaining)
    flipped = tuple(
        part.removeprefix("-") if part.startswith("-") else f"-{part}"
        for part in query.ordering or ("pk",)
    )
    return ListQuery(query.filters, flipped, query.search, take, remaining - take)


def parse_filters(resource: Resource, params: Mapping[str, str]) -> tuple[tuple[str, Any], ...]:
    declared = resource.filter_map()
    found: list[tuple[str, Any]] = []
    errors: dict[str, list[str]] = {}
    for name, raw in params.items():
        if name in RESERVED or name not in declared:
            continue
        try:
            found.append((name, declared[name].parse(raw)))
        except FieldError as error:
            errors[name] = [str(error)]
    if errors:
        raise Invalid(errors)
    return tuple(sorted(found, key=lambda item: item[0]))


def parse_ordering(resource: Resource, raw: str | None, parameter: str) -> tuple[str, ...]:
    """The ordering's terms, each field once (its first mention wins) and none after the pk (a
    unique key: what follows it cannot change the order); at most MAX_ORDERING_TERMS of them."""
    if not raw:
        return resource.default_ordering
    chosen: dict[str, str] = {}
    allowed = set(resource.ordering) | {"pk", "id"}
    for part in (piece.strip() for piece in raw.split(",")):
        if not part:
            continue
        name = part.removeprefix("-")
        if name not in allowed:
            raise Invalid.field(
                parameter,
                f"Cannot order by '{name}'. Choose from: " + ", ".join(sorted(allowed)) + ".",
            )
        if name == "id":
            name, part = "pk", part.replace("id", "pk")
        chosen.setdefault(name, part)
        if len(chosen) > MAX_ORDERING_TERMS:
            raise Invalid.field(parameter, f"Order by at most {MAX_ORDERING_TERMS} fields.")
        if name == "pk":
            break
    return tuple(chosen.values()) or resource.default_ordering


async def for_caller(resource: Resource, query: ListQuery, reader: FastReader) -> ListQuery:
    """The query with each filter about the caller given its value for the query's caller (the
    owners that stand for them, for `assigned_to_me`), once: the answer has no caller left."""
    if query.caller is None:
        return query
    declared = resource.filter_map()
    filters = []
    for name, value in query.filters:
        resolve = declared[name].for_caller
        filters.append(
            (name, value if resolve is None else await resolve(value, query.caller, reader))
        )
    return dataclasses.replace(query, filters=tuple(filters), caller=None)


def is_literal(value: Any) -> bool:
    """None and booleans change the SQL's shape (IS NULL, a different condition), so they are
    compiled in rather than bound; so are tuples (a caller's owners: an IN list)."""
    return value is None or isinstance(value, bool | tuple)


def _conditions(resource: Resource, query: ListQuery, dialect: str) -> list[sa.ColumnElement[bool]]:
    declared = resource.filter_map()
    conditions = []
    for name, value in query.filters:
        spec = declared[name]
        bound = value if is_literal(value) else sa.bindparam(f"filter_{name}")
        conditions.append(spec.clause(bound))
    if query.search and resource.search:
        conditions.append(search_condition(resource, query.search, dialect))
    return conditions


def _sort_keys(
    resource: Resource, ordering: tuple[str, ...]
) -> tuple[list[tuple[sa.ColumnElement[Any], bool]], bool]:
    """The ordering's columns before the pk, each with whether it descends, and whether the pk
    (which ends every ordering: what would follow it cannot change the order) descends.

    When the ordering does not name the pk, it breaks ties in the direction of the last key, so
    that one index on (key, id) serves the ordering both ways, ascending and descending."""
    keys: list[tuple[sa.ColumnElement[Any], bool]] = []
    for part in ordering:
        name = part.removeprefix("-")
        if name == "pk":
            return keys, part.startswith("-")
        keys.append((resource.column(name), part.startswith("-")))
    return keys, bool(keys) and keys[-1][1]


def _order_by(resource: Resource, ordering: tuple[str, ...]) -> list[sa.UnaryExpression[Any]]:
    keys, pk_descending = _sort_keys(resource, ordering)
    clauses = [column.desc() if descending else column.asc() for column, descending in keys]
    # A unique tie-breaker keeps pages stable.
    clauses.append(resource.pk.desc() if pk_descending else resource.pk.asc())
    return clauses


def reads_other_rows(column: sa.ColumnElement[Any]) -> bool:
    """Whether a column is computed by a subquery (a count, a total, a related row's value)."""
    return any(isinstance(element, sa.ScalarSelect) for element in visitors.iterate(column))


def shape_of(query: ListQuery) -> tuple[Any, ...]:
    filters = tuple((name, value if is_literal(value) else ...) for name, value in query.filters)
    return (filters, query.ordering, search_shape(query.search), query.limit is not None)


def bind_values(query: ListQuery) -> dict[str, Any]:
    values: dict[str, Any] = {
        f"filter_{name}": value for name, value in query.filters if not is_literal(value)
    }
    if query.search:
        values.update(search_values(query.search))
    if query.limit is not None:
        values["limit"] = query.limit
        values["offset"] = query.offset
    return values


class StatementCache:
    """Compiled page and count statements of one resource, by query shape."""

    def __init__(self, resource: Resource, dialect: sa.Dialect) -> None:
        self.resource = resource
        self.dialect = dialect
        # Shapes are the client's choice (10,000 orderings kept 44 MB): the most recent are kept.
        self._pages: LRU[tuple[Any, ...], CompiledRead] = LRU(SHAPES_KEPT)
        self._counts: LRU[tuple[Any, ...], CompiledRead] = LRU(SHAPES_KEPT)
        self._counted_pages: LRU[tuple[Any, ...], CompiledRead] = LRU(SHAPES_KEPT)
        self.columns = [resource.column(spec.name) for spec in resource.readable]
        # A page of a resource whose fields read other rows is chosen before it is decorated;
        # one whose fields are its own columns is read in one plain query.
        self.decorates = any(reads_other_rows(column) for column in self.columns)
        self.decoration = (
            Decoration.of(resource.table, self.columns, dialect) if self.decorates else None
        )
        self._detail = compile_read(
            sa.select(*self.columns).where(resource.pk == sa.bindparam("pk")), dialect
        )

    def __len__(self) -> int:
        """How many list statements are kept."""
        return len(self._pages) + len(self._counts) + len(self._counted_pages)

    def detail(self) -> CompiledRead:
        return self._detail

    def page(self, query: ListQuery) -> CompiledRead:
        shape = shape_of(query)
        found = self._pages.get(shape)
        if found is None:
            statement = self._paged(query, _conditions(self.resource, query, self.dialect.name))
            found = self._pages[shape] = compile_read(statement, self.dialect)
        return found

    def counted_page(self, query: ListQuery) -> CompiledRead:
        """The page with the list's count as one more column (read once by the database: the
        count is an uncorrelated subquery), for when the count is not cached: one statement
        and one round trip instead of two."""
        shape = shape_of(query)
        found = self._counted_pages.get(shape)
        if found is None:
            conditions = _conditions(self.resource, query, self.dialect.name)
            total = (
                sa.select(sa.func.count())
                .select_from(self.resource.table)
                .where(*conditions)
                .correlate(None)
                .scalar_subquery()
            )
            statement = self._paged(query, conditions, total.label("list_count"))
            found = self._counted_pages[shape] = compile_read(statement, self.dialect)
        return found

    def _paged(
        self,
        query: ListQuery,
        conditions: list[sa.ColumnElement[bool]],
        *extra: sa.ColumnElement[Any],
    ) -> sa.Select[Any]:
        if query.limit is not None and self.decoration is not None:
            return self._decorated(self.decoration, query, conditions, *extra)
        statement = (
            sa.select(*self.columns, *extra)
            .where(*conditions)
            .order_by(*_order_by(self.resource, query.ordering))
        )
        if query.limit is not None:
            statement = statement.limit(sa.bindparam("limit")).offset(sa.bindparam("offset"))
        return statement

    def _decorated(
        self,
        decoration: Decoration,
        query: ListQuery,
        conditions: list[sa.ColumnElement[bool]],
        *extra: sa.ColumnElement[Any],
    ) -> sa.Select[Any]:
        """A page chosen first, then decorated (STYLE.md 14b): the inner query picks the page's
        ids on the base table (filters, ordering, LIMIT/OFFSET over its indexed columns) and the
        outer one evaluates the computed fields for those rows only, in the page's order. So a
        page at offset 90,000 skips index entries, not 90,000 rows' subqueries. Ordering or
        filtering by a computed field is the slow case: the inner query must then evaluate that
        one field for every row it skips (docs/benchmarks.md, "Inventory lists")."""
        table = self.resource.table
        keys, pk_descending = _sort_keys(self.resource, query.ordering)
        labelled = [column.label(f"sort_{index}") for index, (column, _) in enumerate(keys)]
        # Ordered by the labels, so that a computed key is evaluated once per row.
        inner_order = [
            label.desc() if descending else label.asc()
            for label, (_, descending) in zip(labelled, keys, strict=True)
        ]
        inner_order.append(table.c.id.desc() if pk_descending else table.c.id.asc())
        chosen = (
            sa.select(table.c.id, *labelled)
            .where(*conditions)
            .order_by(*inner_order)
            .limit(sa.bindparam("limit"))
            .offset(sa.bindparam("offset"))
            .subquery("page")
        )
        return decoration.select(
            chosen,
            [label.name for label in labelled],
            [descending for _, descending in keys] + [pk_descending],
            *extra,
        )

    def count(self, query: ListQuery) -> CompiledRead:
        shape = shape_of(query)[:3]
        found = self._counts.get(shape)
        if found is None:
            statement = (
                sa.select(sa.func.count())
                .select_from(self.resource.table)
                .where(*_conditions(self.resource, query, self.dialect.name))
            )
            found = self._counts[shape] = compile_read(statement, self.dialect)
        return found
