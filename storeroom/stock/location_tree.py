"""`/api/stock/location/tree/`: every location, flat and light, for drawing the tree (InvenTree's
StockLocationTree): pk, name, parent, icon, structural and how many direct sub-locations it has;
ordered by level then name unless asked otherwise."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api.envelopes import Paging
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Invalid
from storeroom.models.expressions import count_of
from storeroom.models.stock import STOCK_LOCATION, effective_icon

FIELDS = ("pk", "name", "parent", "icon", "structural", "sublocations")
# InvenTree's ordering_field_aliases: ordering by level orders by name within a level, and the
# reverse; an ordering ends with the pk so that pages are stable.
ALIASES = {"level": ("level", "name"), "name": ("name", "level"), "sublocations": ("sublocations",)}
DEFAULT_ORDERING = "level"


def columns() -> dict[str, sa.ColumnElement[Any]]:
    places = STOCK_LOCATION.table
    return {
        "pk": places.c.id,
        "name": places.c.name,
        "parent": places.c.parent,
        "icon": effective_icon(places),
        "structural": places.c.structural,
        "sublocations": count_of("stocklocation", "parent")(places),
        "level": places.c.level,
    }


def order_by(raw: str | None, parameter: str) -> list[sa.ColumnElement[Any]]:
    chosen = columns()
    terms: list[sa.ColumnElement[Any]] = []
    for part in [piece.strip() for piece in (raw or DEFAULT_ORDERING).split(",") if piece.strip()]:
        name = part.removeprefix("-")
        if name not in ALIASES:
            allowed = ", ".join(sorted(ALIASES))
            raise Invalid.field(parameter, f"Cannot order by '{name}'. Choose from: {allowed}.")
        descending = part.startswith("-")
        terms += [chosen[key].desc() if descending else chosen[key].asc() for key in ALIASES[name]]
    return [*terms, chosen["pk"].asc()]


async def read_tree(
    tenant: TenantDb, ordering: str | None, parameter: str, paging: Paging
) -> tuple[list[dict[str, Any]], int]:
    """The page of the tree and how many locations there are."""
    chosen = columns()
    statement = sa.select(*(chosen[name].label(name) for name in FIELDS)).order_by(
        *order_by(ordering, parameter)
    )
    if paging.limit is not None:
        statement = statement.limit(paging.limit).offset(paging.offset)
    async with tenant.transaction() as connection:
        rows = (await connection.execute(statement)).mappings().all()
        if paging.limit is None:
            count = len(rows)
        else:
            total = sa.select(sa.func.count()).select_from(STOCK_LOCATION.table)
            count = int(await connection.scalar(total) or 0)
    return [dict(row) for row in rows], count
