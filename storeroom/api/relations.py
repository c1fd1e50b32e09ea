"""Relations on write: every referenced id must exist in the tenant (a 400 on that field
otherwise, listing every bad field at once)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.resource import Resource
from storeroom.db.metadata import TENANT_SCHEMA
from storeroom.errors import Invalid


def related_table(resource: Resource, model_type: str) -> sa.Table:
    return resource.table.metadata.tables[f"{TENANT_SCHEMA}.{model_type}"]


async def check_relations(
    connection: AsyncConnection,
    resource: Resource,
    values: dict[str, Any],
    errors: dict[str, list[str]] | None = None,
) -> None:
    """Raise Invalid with the given field errors plus every relation that points at nothing."""
    errors = dict(errors or {})
    for spec in resource.relations:
        value = values.get(spec.column_name)
        if value is None or spec.relation is None:
            continue
        target = related_table(resource, spec.relation)
        found = await connection.scalar(sa.select(target.c.id).where(target.c.id == value))
        if found is None:
            errors[spec.name] = [f'Invalid pk "{value}" - object does not exist.']
    if errors:
        raise Invalid(errors)


def dependents_message(resource: Resource) -> str:
    """A clear 400 for a delete that a protecting relation refuses."""
    return (
        f"Cannot delete this {resource.verbose_name or resource.model_type}: "
        "other objects refer to it. Delete or reassign them first."
    )
