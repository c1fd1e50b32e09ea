"""A page of the attachment list: its rows turned into objects in one pass.

The resource layer converts a page in two (the reader applies each column's result processor
with a generator per row, then `to_objects` zips each row into a dict). An attachment row has
three converted columns (a date and two JSON values) among twelve, and its page is light, so
those two passes weigh: bench/attachments.py measured the list at about 60 % of the bare app's
throughput on SQLite with them. Here the page is read without processors and each row becomes
its dict with the same processors applied in the same loop.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from storeroom.api import crud
from storeroom.api.context import ApiContext
from storeroom.api.query import ListQuery, bind_values
from storeroom.api.resource import Resource
from storeroom.db.fastread import Processor
from storeroom.db.tenant_db import TenantDb


async def list_page(
    context: ApiContext, tenant: TenantDb, resource: Resource, query: ListQuery
) -> tuple[list[dict[str, Any]], int]:
    """What `crud.list_page` answers, from the same statement and the same count."""
    compiled = context.statements(resource).page(query)
    values = bind_values(query)
    plain = dataclasses.replace(compiled, processors=(None,) * len(compiled.processors))
    rows = await tenant.fetch(plain, values)
    objects = to_objects([spec.name for spec in resource.readable], compiled.processors, rows)
    count = await crud.count_rows(context, tenant, resource, query, values)
    return objects, count


def to_objects(
    names: list[str], processors: Sequence[Processor], rows: Sequence[Sequence[Any]]
) -> list[dict[str, Any]]:
    converted = [
        (name, process) for name, process in zip(names, processors, strict=True) if process
    ]
    objects = []
    for row in rows:
        item = dict(zip(names, row, strict=True))
        for name, process in converted:
            value = item[name]
            if value is not None:
                item[name] = process(value)
        objects.append(item)
    return objects
