"""Each list's page is chosen from an index: for every declared ordering and filter of every model
whose field has an index (models/declare.py, `implied_indexes`), the database's own plan of the
page query reads the table through an index, never by a full scan (STYLE.md, 14b).

PostgreSQL runs with `enable_seqscan` off, so that its plan on these near-empty tables is the one
it would choose on a big table; SQLite prefers an index to a sort on its own.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from litestar import Litestar

from storeroom.api.query import ListQuery, StatementCache, bind_values
from storeroom.api.resource import Resource
from storeroom.db.fastread import render_schema
from storeroom.models.declare import implied_indexes
from storeroom.models.part import PART
from storeroom.models.registry import MODELS
from storeroom.models.stock import STOCK_ITEM

SAMPLE_VALUES: dict[str, Any] = {
    "bool": True,
    "int": 1,
    "fk": 1,
    "float": 1.0,
    "decimal": Decimal(1),
    "str": "x",
    "date": date(2026, 1, 1),
    "datetime": datetime(2026, 1, 1, tzinfo=UTC),
}


def indexed_fields(resource: Resource) -> dict[str, str]:
    """Field name -> the name of the (column, id) index its declaration implies."""
    table = resource.table.name
    return {
        spec.name: f"ix_{table}_{spec.column_name}_id"
        for spec in implied_indexes(resource.fields, resource.filters, resource.ordering)
    }


def ordering_cases() -> list[tuple[Resource, str, str]]:
    return [
        (resource, direction + name, indexed_fields(resource)[name])
        for resource in MODELS
        for name in resource.ordering
        if name in indexed_fields(resource)
        for direction in ("", "-")
    ]


def filter_cases() -> list[tuple[Resource, str]]:
    return [
        (resource, name)
        for resource in MODELS
        for name in resource.filters
        if isinstance(name, str) and name in indexed_fields(resource)
    ]


async def plan_of(app: Litestar, resource: Resource, query: ListQuery) -> list[str]:
    """The plan's lines: SQLite's EXPLAIN QUERY PLAN details, or each PostgreSQL plan node as
    `<node type> on <relation> <alias> using <index>`."""
    databases = app.state.api.databases
    compiled = StatementCache(resource, databases.platform.dialect).page(query)
    sql = render_schema(compiled.sql, databases.schema_for("default"))
    arguments = tuple(compiled.arguments(bind_values(query)))
    async with databases.tenant_transaction("default") as connection:
        if databases.is_sqlite:
            found = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", arguments)
            return [str(row[3]) for row in found]
        await connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        found = await connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {sql}", arguments)
        plan = found.scalar_one()
    return list(nodes(plan[0]["Plan"]))


def nodes(node: dict[str, Any]) -> Any:
    yield (
        f"{node['Node Type']} on {node.get('Relation Name')} {node.get('Alias')}"
        f" using {node.get('Index Name')}"
    )
    for child in node.get("Plans", ()):
        yield from nodes(child)


def full_scans(lines: list[str], table: str) -> list[str]:
    """The plan lines that read the whole table row by row (not through an index)."""
    return [
        line
        for line in lines
        if line == f"SCAN {table}" or line.startswith(f"Seq Scan on {table} {table} ")
    ]


@pytest.mark.parametrize(
    ("resource", "ordering", "index"),
    ordering_cases(),
    ids=[f"{resource.model_type}-{ordering}" for resource, ordering, _ in ordering_cases()],
)
async def test_a_page_in_a_declared_ordering_reads_its_index(
    app: Litestar, anonymous: Any, resource: Resource, ordering: str, index: str
) -> None:
    query = ListQuery(ordering=(ordering,), limit=25, offset=90_000)
    lines = await plan_of(app, resource, query)
    assert full_scans(lines, resource.table.name) == []
    assert any(index in line for line in lines), lines


@pytest.mark.parametrize(
    ("resource", "name"),
    filter_cases(),
    ids=[f"{resource.model_type}-{name}" for resource, name in filter_cases()],
)
async def test_a_page_under_a_declared_filter_reads_an_index(
    app: Litestar, anonymous: Any, resource: Resource, name: str
) -> None:
    # Any value of the field's type: the plan, not the rows, is under test.
    value = SAMPLE_VALUES[resource.field(name).kind]
    query = ListQuery(filters=((name, value),), ordering=("pk",), limit=25, offset=0)
    lines = await plan_of(app, resource, query)
    assert full_scans(lines, resource.table.name) == []


async def page_subtree(app: Litestar, resource: Resource, query: ListQuery) -> list[str]:
    """The plan of the query that chooses the page's rows (the `page` subquery), line by line;
    empty when the statement has no such subquery."""
    databases = app.state.api.databases
    compiled = StatementCache(resource, databases.platform.dialect).page(query)
    sql = render_schema(compiled.sql, databases.schema_for("default"))
    arguments = tuple(compiled.arguments(bind_values(query)))
    async with databases.tenant_transaction("default") as connection:
        if databases.is_sqlite:
            found = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", arguments)
            rows = [(int(row[0]), int(row[1]), str(row[3])) for row in found]
        else:
            found = await connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {sql}", arguments)
            plan = found.scalar_one()[0]["Plan"]
    if databases.is_sqlite:
        roots = {ident for ident, _, detail in rows if detail.endswith(" page")}
        inside = []
        for ident, parent, detail in rows:
            if parent in roots:
                roots.add(ident)
                inside.append(detail)
        return inside
    return list(pg_page_subtree(plan))


def pg_page_subtree(node: dict[str, Any]) -> Any:
    # PostgreSQL pulls the subquery up: its LIMIT node is what is left of it.
    if node["Node Type"] == "Limit":
        for child in node.get("Plans", ()):
            yield from (f"{line} ({child.get('Parent Relationship')})" for line in nodes(child))
            yield from sub_plans(child)
        return
    for child in node.get("Plans", ()):
        yield from pg_page_subtree(child)


def sub_plans(node: dict[str, Any]) -> Any:
    for child in node.get("Plans", ()):
        if child.get("Parent Relationship") == "SubPlan":
            yield "SubPlan"
        yield from sub_plans(child)


@pytest.mark.parametrize("resource", [PART, STOCK_ITEM], ids=lambda r: r.model_type)
async def test_a_page_is_chosen_before_its_computed_fields_are_read(
    app: Litestar, anonymous: Any, resource: Resource
) -> None:
    query = ListQuery(ordering=resource.default_ordering, limit=25, offset=90_000)
    chosen = await page_subtree(app, resource, query)
    assert chosen, "the page's rows are not chosen by a query of their own"
    assert [line for line in chosen if "SUBQUERY" in line or "SubPlan" in line] == []


@pytest.mark.parametrize("resource", [PART, STOCK_ITEM], ids=lambda r: r.model_type)
async def test_a_related_rows_name_is_joined_by_its_primary_key(
    app: Litestar, anonymous: Any, resource: Resource
) -> None:
    # api/decorate.py: `category_name`, `location_name`, ... read by LEFT JOIN, not per-row lookup.
    query = ListQuery(ordering=resource.default_ordering, limit=25, offset=90_000)
    lines = await plan_of(app, resource, query)
    decoration = StatementCache(resource, app.state.api.databases.platform.dialect).decoration
    assert decoration is not None
    assert decoration.joins
    for alias, _ in decoration.joins:
        reads = [line for line in lines if f" {alias.name} " in f" {line} "]
        assert reads, (alias.name, lines)
        assert [line for line in reads if line.startswith(("SCAN ", "Seq Scan"))] == [], reads
