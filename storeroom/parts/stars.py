"""Stars: a user's subscriptions to parts and categories (InvenTree's PartStar and
PartCategoryStar). `starred` is answered per caller, for the rows of a page only, and written by
a PATCH or PUT of the object; `?starred=` keeps the caller's starred rows (or the others)."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.fields import FieldError, parse_bool
from storeroom.api.query import ListQuery
from storeroom.api.resource import Resource
from storeroom.db.fastread import CompiledRead, compile_read
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Invalid
from storeroom.models.part_stars import STARS, star_filters


def with_star_filters(resource: Resource) -> Resource:
    """The list's resource with the caller-bound star filters (a statement cache of its own)."""
    return dataclasses.replace(
        resource,
        model_type=f"{resource.model_type}-starred",
        filters=(*resource.filters, *star_filters(resource.model_type, resource.table)),
    )


def caller_query(query: ListQuery, user: int | None) -> tuple[ListQuery, bool]:
    """The query with `starred` bound to the caller's user, and whether it names stars at all.
    A caller without a user (the system) has starred nothing."""
    chosen = dict(query.filters)
    if "starred" not in chosen:
        return query, False
    wanted = chosen.pop("starred")
    if user is None:
        # Nobody's stars: `true` keeps nothing, `false` everything.
        chosen["starred_by" if wanted else "not_starred_by"] = -1
    else:
        chosen["starred_by" if wanted else "not_starred_by"] = user
    filters = tuple(sorted(chosen.items(), key=lambda item: item[0]))
    return dataclasses.replace(query, filters=filters), True


@lru_cache(maxsize=16)
def users_stars(model_type: str, dialect: sa.Dialect) -> CompiledRead:
    """Every object a user has starred (a user stars few), compiled once per dialect."""
    star = STARS[model_type]
    query = sa.select(star.c[model_type]).where(
        star.c.user == sa.bindparam("user", type_=sa.Integer)
    )
    return compile_read(query, dialect)


async def mark(
    tenant: TenantDb, model_type: str, user: int | None, objects: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Set each object's `starred` for the caller: one read on the raw driver per page (a list
    page's hot path: no transaction of its own)."""
    if user is None or not objects:
        return objects
    compiled = users_stars(model_type, tenant.databases.platform.dialect)
    found = {int(row[0]) for row in await tenant.fetch(compiled, {"user": user})}
    for found_object in objects:
        found_object["starred"] = found_object["pk"] in found
    return objects


async def mark_chunks(
    tenant: TenantDb,
    model_type: str,
    user: int | None,
    chunks: AsyncIterator[list[dict[str, Any]]],
) -> AsyncIterator[list[dict[str, Any]]]:
    async for objects in chunks:
        yield await mark(tenant, model_type, user, objects)


def take_starred(body: dict[str, Any]) -> bool | None:
    """The body's `starred` (removed from it), or None when it does not say."""
    if "starred" not in body:
        return None
    raw = body.pop("starred")
    try:
        return bool(parse_bool(raw))
    except FieldError as error:
        raise Invalid.field("starred", str(error)) from None


async def set_starred(
    connection: AsyncConnection, model_type: str, user: int | None, pk: int, starred: bool
) -> None:
    """Star or unstar one object for the user (idempotent)."""
    if user is None:
        raise Invalid.field("starred", "Only a user can star an object.")
    star = STARS[model_type]
    target = star.c[model_type]
    mine = sa.and_(star.c.user == user, target == pk)
    exists = (await connection.execute(sa.select(star.c.id).where(mine))).first() is not None
    if starred and not exists:
        await connection.execute(sa.insert(star).values({"user": user, model_type: pk}))
    elif not starred and exists:
        await connection.execute(sa.delete(star).where(mine))
