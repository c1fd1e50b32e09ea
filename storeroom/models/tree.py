"""Tree models (part categories, stock locations): `parent`, and the stored `pathstring` and
`level` kept right on every write, for the node and all of its descendants."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.fields import Field
from storeroom.db.metadata import TENANT_SCHEMA, tenant_metadata
from storeroom.errors import Invalid

PATH_LENGTH = 250


def tree_fields(model_type: str) -> tuple[Field, ...]:
    return (
        # Deleting a node with children is refused (400): move or delete the children first.
        Field("parent", "fk", nullable=True, relation=model_type, on_delete="protect"),
        Field("pathstring", "str", read_only=True, max_length=PATH_LENGTH),
        Field("level", "int", read_only=True, default=0),
    )


def keep_paths(model_type: str) -> Callable[[AsyncConnection, int], Awaitable[None]]:
    """The after-write hook: refuse cycles, then recompute paths below the written node."""

    async def after_write(connection: AsyncConnection, pk: int) -> None:
        table = tenant_metadata.tables[f"{TENANT_SCHEMA}.{model_type}"]
        path, level = await _path_of(connection, table, pk)
        await connection.execute(
            sa.update(table).where(table.c.id == pk).values(pathstring=path, level=level)
        )
        await _update_descendants(connection, table, pk, path, level)

    return after_write


async def _path_of(connection: AsyncConnection, table: sa.Table, pk: int) -> tuple[str, int]:
    names: list[str] = []
    current: Any = pk
    seen: set[int] = set()
    while current is not None:
        if current in seen:
            raise Invalid.field("parent", "A node cannot be moved below itself or its descendants.")
        seen.add(current)
        row = (
            await connection.execute(
                sa.select(table.c.name, table.c.parent).where(table.c.id == current)
            )
        ).first()
        if row is None:
            break
        names.append(row.name)
        current = row.parent
    return "/".join(reversed(names))[:PATH_LENGTH], len(names) - 1


async def _update_descendants(
    connection: AsyncConnection, table: sa.Table, pk: int, path: str, level: int
) -> None:
    parents = {pk: path}
    depth = level
    while parents:
        depth += 1
        rows = await connection.execute(
            sa.select(table.c.id, table.c.name, table.c.parent).where(
                table.c.parent.in_(list(parents))
            )
        )
        children = {row.id: f"{parents[row.parent]}/{row.name}"[:PATH_LENGTH] for row in rows}
        for child, child_path in children.items():
            await connection.execute(
                sa.update(table)
                .where(table.c.id == child)
                .values(pathstring=child_path, level=depth)
            )
        parents = children
