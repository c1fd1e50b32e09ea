"""The work behind a resource's endpoints: pages, objects, writes, bulk delete, metadata.

Reads go through the compiled raw-driver path; writes run in the request's one transaction and
read the written object back inside it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.context import ApiContext
from storeroom.api.fields import LARGEST_INT, SMALLEST_INT
from storeroom.api.platform_references import add_details, reference_errors
from storeroom.api.query import (
    ListQuery,
    bind_values,
    for_caller,
    from_the_end,
    parse_filters,
    shape_of,
)
from storeroom.api.relations import check_relations, dependents_message
from storeroom.api.resource import Resource
from storeroom.api.uniqueness import check_unique
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Invalid, NotFound

STREAM_CHUNK = 2000


def to_objects(resource: Resource, rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    names = resource.readable_names
    return [dict(zip(names, row, strict=True)) for row in rows]


async def detailed(
    context: ApiContext, tenant: TenantDb, resource: Resource, objects: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The objects with their platform references' details (api/platform_references.py)."""
    if resource.platform_references and objects:
        await add_details(context.reader, tenant.account, resource.platform_references, objects)
    return objects


async def with_reference_errors(
    context: ApiContext,
    tenant: TenantDb,
    resource: Resource,
    values: dict[str, Any],
    errors: dict[str, list[str]] | None,
) -> dict[str, list[str]] | None:
    if not resource.platform_references:
        return errors
    found = await reference_errors(
        context.reader, tenant.account, resource.platform_references, values
    )
    return {**found, **(errors or {})} if found else errors


async def list_page(
    context: ApiContext, tenant: TenantDb, resource: Resource, query: ListQuery
) -> tuple[list[dict[str, Any]], int]:
    """A page (the query has a limit) and the list's count."""
    # A capability's own list route may hand the query over with its caller's filters unresolved.
    query = await for_caller(resource, query, context.reader)
    statements = context.statements(resource)
    values = bind_values(query)
    table, shape = resource.table.name, count_shape(query, values)
    count = context.counts.get(tenant.account, table, shape)
    if count is None and query.limit is None:
        rows = await tenant.fetch(statements.page(query), values)
        count = await count_rows(context, tenant, resource, query, values)
    elif count is None and query.search and query.limit is not None:
        # A search's first page is often all it finds: its length is then the count, and
        # counting the matches in the page's statement would cost ~3x the page (measured on
        # 100,000 parts, a 4-digit term).
        rows = await tenant.fetch(statements.page(query), values)
        if (rows and len(rows) < query.limit) or (not rows and not query.offset):
            count = query.offset + len(rows)
        else:
            count = int((await tenant.fetch(statements.count(query), values))[0][0])
        context.counts.put(tenant.account, table, shape, count)
    elif count is None:
        rows = await tenant.fetch(statements.counted_page(query), values)
        if rows:
            count = int(rows[0][-1])
            rows = [row[:-1] for row in rows]
        elif not query.offset:
            count = 0
        else:
            # Past the end of the list: no row came back to carry the count.
            count = int((await tenant.fetch(statements.count(query), values))[0][0])
        context.counts.put(tenant.account, table, shape, count)
    elif (backwards := from_the_end(query, count)) is not None:
        found = await tenant.fetch(statements.page(backwards), bind_values(backwards))
        rows = found[::-1]
    else:
        rows = await tenant.fetch(statements.page(query), values)
    if query.limit is not None and rows and len(rows) < query.limit:
        # A short page is the end of the list: its count is exact, whatever was cached.
        count = query.offset + len(rows)
    return await detailed(context, tenant, resource, to_objects(resource, rows)), count


def count_shape(query: ListQuery, values: dict[str, Any]) -> tuple[Any, ...]:
    """What a list's count depends on: the filters, search and their values, not the page."""
    return (
        shape_of(query)[:3],
        tuple(values.get(key) for key in sorted(values) if key not in {"limit", "offset"}),
    )


async def count_rows(
    context: ApiContext,
    tenant: TenantDb,
    resource: Resource,
    query: ListQuery,
    values: dict[str, Any],
) -> int:
    shape = count_shape(query, values)
    table = resource.table.name
    cached = context.counts.get(tenant.account, table, shape)
    if cached is not None:
        return cached
    rows = await tenant.fetch(context.statements(resource).count(query), values)
    count = int(rows[0][0])
    context.counts.put(tenant.account, table, shape, count)
    return count


async def stream_all(
    context: ApiContext, tenant: TenantDb, resource: Resource, query: ListQuery
) -> AsyncIterator[list[dict[str, Any]]]:
    """The whole list in chunks, so memory stays flat however long it is. The first chunk is read
    before this returns, so that an error still becomes a proper error response."""
    query = await for_caller(resource, query, context.reader)
    first = await _chunk(context, tenant, resource, query, 0)
    return _chunks(context, tenant, resource, query, first)


async def _chunk(
    context: ApiContext, tenant: TenantDb, resource: Resource, query: ListQuery, offset: int
) -> list[tuple[Any, ...]]:
    chunk = ListQuery(query.filters, query.ordering, query.search, STREAM_CHUNK, offset)
    return await tenant.fetch(context.statements(resource).page(chunk), bind_values(chunk))


async def _chunks(
    context: ApiContext,
    tenant: TenantDb,
    resource: Resource,
    query: ListQuery,
    rows: list[tuple[Any, ...]],
) -> AsyncIterator[list[dict[str, Any]]]:
    offset = 0
    while True:
        if rows:
            yield await detailed(context, tenant, resource, to_objects(resource, rows))
        if len(rows) < STREAM_CHUNK:
            return
        offset += STREAM_CHUNK
        rows = await _chunk(context, tenant, resource, query, offset)


async def get_one(
    context: ApiContext, tenant: TenantDb, resource: Resource, pk: int
) -> dict[str, Any]:
    rows = await tenant.fetch(context.statements(resource).detail(), {"pk": pk})
    if not rows:
        raise NotFound()
    return (await detailed(context, tenant, resource, to_objects(resource, rows)))[0]


async def read_back(connection: AsyncConnection, resource: Resource, pk: int) -> dict[str, Any]:
    columns = [resource.column(spec.name) for spec in resource.readable]
    row = (await connection.execute(sa.select(*columns).where(resource.pk == pk))).first()
    if row is None:
        raise NotFound()
    return to_objects(resource, [tuple(row)])[0]


def constraint_error(resource: Resource, error: IntegrityError) -> Invalid:
    text = str(error.orig).lower()
    for spec in resource.fields:
        if spec.column_name in text:
            return Invalid.field(spec.name, "This value is already in use or refers to nothing.")
    return Invalid(general=["The values conflict with existing data."])


async def checked(
    connection: AsyncConnection,
    resource: Resource,
    values: dict[str, Any],
    pk: int | None,
    errors: dict[str, list[str]] | None,
) -> dict[str, list[str]] | None:
    """The field errors after the resource's own check of the write (`Resource.check_write`)."""
    if resource.check_write is None:
        return errors
    try:
        await resource.check_write(connection, values, pk)
    except Invalid as error:
        if error.general:
            raise
        return {**error.fields, **(errors or {})}
    return errors


async def fill_create_defaults(
    context: ApiContext,
    connection: AsyncConnection,
    resource: Resource,
    values: dict[str, Any],
    errors: dict[str, list[str]] | None,
) -> None:
    """The resource's create defaults of the fields the body left out or sent as null, as
    InvenTree fills them (a bad value given for a field is reported, never replaced)."""
    for name, default in resource.create_defaults.items():
        column = resource.field(name).column_name
        if values.get(column) is None and name not in (errors or {}):
            values[column] = await default(connection, values, context.settings)


async def create(
    context: ApiContext,
    tenant: TenantDb,
    resource: Resource,
    values: dict[str, Any],
    errors: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    errors = await with_reference_errors(context, tenant, resource, values, errors)
    async with tenant.transaction() as connection:
        await fill_create_defaults(context, connection, resource, values, errors)
        if resource.before_write is not None:
            await resource.before_write(connection, values)
        errors = await checked(connection, resource, values, None, errors)
        await check_relations(connection, resource, values, errors)
        await check_unique(connection, resource, values)
        try:
            result = await connection.execute(sa.insert(resource.table).values(**values))
        except IntegrityError as error:
            raise constraint_error(resource, error) from None
        pk = int(result.inserted_primary_key[0])  # type: ignore[index]
        if resource.after_write is not None:
            await resource.after_write(connection, pk)
        created = await read_back(connection, resource, pk)
    context.counts.invalidate(tenant.account, resource.table.name)
    return (await detailed(context, tenant, resource, [created]))[0]


async def update(
    context: ApiContext,
    tenant: TenantDb,
    resource: Resource,
    pk: int,
    values: dict[str, Any],
    errors: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    async with tenant.transaction() as connection:
        # A missing object is a 404 before its body is checked (as InvenTree's view answers),
        # and the resource's own checks may read the row they change.
        if (
            await connection.execute(sa.select(resource.pk).where(resource.pk == pk))
        ).first() is None:
            raise NotFound()
        if resource.before_write is not None:
            await resource.before_write(connection, values)
        if values and not resource.read_only:
            errors = await checked(connection, resource, values, pk, errors)
            errors = await with_reference_errors(context, tenant, resource, values, errors)
        if errors:
            await check_relations(connection, resource, values, errors)
        if values and not resource.read_only:
            await check_relations(connection, resource, values)
            await check_unique(connection, resource, values, pk)
            try:
                result = await connection.execute(
                    sa.update(resource.table).where(resource.pk == pk).values(**values)
                )
            except IntegrityError as error:
                raise constraint_error(resource, error) from None
            if result.rowcount == 0:
                raise NotFound()
            if resource.after_write is not None:
                await resource.after_write(connection, pk)
        updated = await read_back(connection, resource, pk)
    context.counts.invalidate(tenant.account, resource.table.name)
    return (await detailed(context, tenant, resource, [updated]))[0]


async def delete(context: ApiContext, tenant: TenantDb, resource: Resource, pk: int) -> None:
    async with tenant.transaction() as connection:
        if resource.before_delete is not None:
            await resource.before_delete(connection, resource.pk == pk)
        try:
            result = await connection.execute(sa.delete(resource.table).where(resource.pk == pk))
        except IntegrityError:
            raise Invalid(general=[dependents_message(resource)]) from None
        if result.rowcount == 0:
            raise NotFound()
    context.counts.invalidate(tenant.account, resource.table.name)


def bulk_condition(resource: Resource, body: dict[str, Any]) -> sa.ColumnElement[bool]:
    """The rows a bulk DELETE names: `items` (ids) or `filters` (declared filters only)."""
    items, filters = body.get("items"), body.get("filters")
    if items is None and filters is None:
        raise Invalid(general=["List of items or filters must be provided."])
    conditions: list[sa.ColumnElement[bool]] = []
    if items is not None:
        if not isinstance(items, list) or not items:
            raise Invalid.field("items", "Expected a non-empty list of ids.")
        if not all(isinstance(item, int) and not isinstance(item, bool) for item in items):
            raise Invalid.field("items", "Every item must be an integer id.")
        # Unknown ids are ignored; one beyond the id column's range is unknown by definition
        # (and would overflow the driver).
        items = [item for item in items if SMALLEST_INT <= item <= LARGEST_INT]
        conditions.append(resource.pk.in_(items))
    if filters is not None:
        if not isinstance(filters, dict) or not filters:
            raise Invalid.field("filters", "Expected an object of filter values.")
        declared = resource.filter_map()
        unknown = sorted(set(filters) - set(declared))
        if unknown:
            raise Invalid.field("filters", f"Unknown filters: {', '.join(unknown)}.")
        parsed = parse_filters(resource, dict(filters))
        conditions += [declared[name].clause(value) for name, value in parsed]
    return sa.and_(*conditions)


async def bulk_delete(
    context: ApiContext, tenant: TenantDb, resource: Resource, body: dict[str, Any]
) -> int:
    condition = bulk_condition(resource, body)
    async with tenant.transaction() as connection:
        if resource.before_delete is not None:
            await resource.before_delete(connection, condition)
        try:
            result = await connection.execute(sa.delete(resource.table).where(condition))
        except IntegrityError:
            raise Invalid(general=[dependents_message(resource)]) from None
    context.counts.invalidate(tenant.account, resource.table.name)
    return int(result.rowcount)


async def read_metadata(tenant: TenantDb, resource: Resource, pk: int) -> dict[str, Any]:
    async with tenant.transaction() as connection:
        found = await connection.scalar(
            sa.select(resource.table.c.metadata).where(resource.pk == pk)
        )
        exists = found is not None or await connection.scalar(
            sa.select(resource.pk).where(resource.pk == pk)
        )
    if not exists:
        raise NotFound()
    return dict(found or {})


async def write_metadata(
    tenant: TenantDb, resource: Resource, pk: int, changes: Any, replace: bool
) -> dict[str, Any]:
    """PATCH merges top-level keys; PUT replaces the whole object."""
    if not isinstance(changes, dict):
        raise Invalid.field("metadata", "Expected a JSON object.")
    async with tenant.transaction() as connection:
        current = await connection.execute(
            sa.select(resource.table.c.metadata).where(resource.pk == pk)
        )
        row = current.first()
        if row is None:
            raise NotFound()
        merged = dict(changes) if replace else {**(row[0] or {}), **changes}
        await connection.execute(
            sa.update(resource.table).where(resource.pk == pk).values(metadata=merged)
        )
    return merged


def parse_pk(raw: Any) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise NotFound() from None
    if value < 0:
        raise NotFound()
    return value
