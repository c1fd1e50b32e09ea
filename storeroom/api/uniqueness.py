"""Unique fields checked before a write, so the 400 names the field (as DRF does) instead of
surfacing a database constraint error."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.resource import Resource
from storeroom.errors import Invalid


async def check_unique(
    connection: AsyncConnection, resource: Resource, values: dict[str, Any], pk: int | None = None
) -> None:
    if not resource.unique:
        return
    merged = dict(values)
    if pk is not None:
        columns = {resource.field(name).column_name for group in resource.unique for name in group}
        row = (
            await connection.execute(
                sa.select(*(resource.table.c[name] for name in columns)).where(resource.pk == pk)
            )
        ).first()
        if row is not None:
            merged = {**dict(row._mapping), **values}
    errors: dict[str, list[str]] = {}
    general: list[str] = []
    for group in resource.unique:
        specs = [resource.field(name) for name in group]
        if any(merged.get(spec.column_name) is None for spec in specs):
            continue
        query = sa.select(resource.pk).where(
            *(resource.table.c[spec.column_name] == merged[spec.column_name] for spec in specs)
        )
        if pk is not None:
            query = query.where(resource.pk != pk)
        if await connection.scalar(query.limit(1)) is None:
            continue
        label = resource.verbose_name or resource.model_type
        if len(group) == 1:
            errors[group[0]] = [f"{label} with this {group[0]} already exists."]
        else:
            general.append(f"The fields {', '.join(group)} must make a unique set.")
    if errors or general:
        raise Invalid(errors, general)
