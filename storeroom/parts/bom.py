"""BOM validation and copying (InvenTree's Part.validate_bom, BomItem.validate_hash and
Part.copy_bom_from). A BOM is valid when every one of its lines is validated; its checksum is
a hash of its lines' contents, so that any change to a line changes it."""

from __future__ import annotations

import hashlib
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.actions import ActionCall
from storeroom.errors import Invalid, NotFound
from storeroom.models.bom import BOM_ITEM, BOM_ITEM_SUBSTITUTE
from storeroom.models.part import PART
from storeroom.parts.schemas import PartCopyBOM

lines, substitutes, parts = BOM_ITEM.table, BOM_ITEM_SUBSTITUTE.table, PART.table
HASHED = ("sub_part", "quantity", "reference", "optional", "inherited", "consumable")


async def require_part(connection: AsyncConnection, pk: int) -> None:
    found = await connection.execute(sa.select(parts.c.id).where(parts.c.id == pk))
    if found.first() is None:
        raise NotFound()


async def checksum(connection: AsyncConnection, part: int) -> str:
    """A hash of the BOM's lines, in pk order."""
    rows = await connection.execute(
        sa.select(*(lines.c[name] for name in HASHED), lines.c.allow_variants)
        .where(lines.c.part == part)
        .order_by(lines.c.id)
    )
    digest = hashlib.md5(usedforsecurity=False)
    for row in rows:
        digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


async def validate_line(connection: AsyncConnection, pk: int, valid: bool) -> None:
    result = await connection.execute(
        sa.update(lines).where(lines.c.id == pk).values(validated=valid)
    )
    if result.rowcount == 0:
        raise NotFound()


async def validate_bom(connection: AsyncConnection, part: int, valid: bool) -> str:
    """Mark every line of the part's BOM validated (`valid` must be given true)."""
    await require_part(connection, part)
    if not valid:
        raise Invalid.field("valid", "This option must be selected")
    await connection.execute(sa.update(lines).where(lines.c.part == part).values(validated=True))
    return await checksum(connection, part)


async def copy_bom(call: ActionCall[PartCopyBOM]) -> PartCopyBOM:
    """Copy another part's BOM lines (and their substitutes) into this part's BOM."""
    connection, body = call.connection, call.body
    target = call.target["id"]
    await require_source(connection, body.part, target)
    if body.remove_existing:
        await connection.execute(sa.delete(lines).where(lines.c.part == target))
    source = sa.select(lines).where(lines.c.part == body.part).order_by(lines.c.id)
    if not body.include_inherited:
        source = source.where(lines.c.inherited.is_(False))
    for row in (await connection.execute(source)).mappings().all():
        if row["sub_part"] == target:
            if body.skip_invalid:
                continue
            raise Invalid.field("part", "A part cannot be used in its own BOM")
        values: dict[str, Any] = {
            key: value for key, value in row.items() if key not in {"id", "part"}
        }
        created = await connection.execute(sa.insert(lines).values(part=target, **values))
        if body.copy_substitutes:
            await copy_substitutes(connection, row["id"], created.inserted_primary_key)
    return body


async def require_source(connection: AsyncConnection, source: int, target: int) -> None:
    found = await connection.execute(sa.select(parts.c.id).where(parts.c.id == source))
    if found.first() is None:
        raise Invalid.field("part", f'Invalid pk "{source}" - object does not exist.')
    if source == target:
        raise Invalid.field("part", "Cannot copy a BOM onto itself")


async def copy_substitutes(connection: AsyncConnection, source: int, created: Any) -> None:
    target = created[0]
    rows = await connection.execute(
        sa.select(substitutes.c.part).where(substitutes.c.bom_item == source)
    )
    values = [{"bom_item": target, "part": row.part} for row in rows]
    if values:
        await connection.execute(sa.insert(substitutes), values)
