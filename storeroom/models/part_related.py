"""Related parts (`/api/part/related/`): two parts marked as related, in either direction."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field, parse_int
from storeroom.api.resource import Filter
from storeroom.errors import Invalid
from storeroom.models.declare import model
from storeroom.models.expressions import table


def either_part(value: Any) -> sa.ColumnElement[bool]:
    """`?part=N`: the relations naming N on either side (InvenTree's PartRelatedList)."""
    related = table("partrelated")
    return sa.or_(related.c.part_1 == value, related.c.part_2 == value)


async def check_relation(connection: Any, values: dict[str, Any], pk: int | None) -> None:
    """InvenTree's PartRelated.validate: not a part with itself, and one relation per pair."""
    related = table("partrelated")
    first, second = values.get("part_1"), values.get("part_2")
    if pk is not None and (first is None or second is None):
        row = (
            await connection.execute(
                sa.select(related.c.part_1, related.c.part_2).where(related.c.id == pk)
            )
        ).first()
        if row is not None:
            first = row.part_1 if first is None else first
            second = row.part_2 if second is None else second
    if first is None or second is None:
        return
    if first == second:
        raise Invalid(general=["Part cannot be related to itself"])
    pair = sa.or_(
        sa.and_(related.c.part_1 == first, related.c.part_2 == second),
        sa.and_(related.c.part_1 == second, related.c.part_2 == first),
    )
    query = sa.select(related.c.id).where(pair)
    if pk is not None:
        query = query.where(related.c.id != pk)
    if (await connection.execute(query.limit(1))).first() is not None:
        raise Invalid(general=["Duplicate relationship already exists"])


PART_RELATED = model(
    "partrelated",
    "/api/part/related/",
    app_label="part",
    verbose_name="Part Relationship",
    ruleset="part",
    fields=(
        # A relation goes with either of its parts (InvenTree's CASCADE).
        Field("part_1", "fk", required=True, relation="part", on_delete="cascade"),
        Field("part_2", "fk", required=True, relation="part", on_delete="cascade"),
    ),
    check_write=check_relation,
    filters=(Filter("part", parse_int, either_part), "part_1", "part_2"),
    ordering=("part_1", "part_2"),
)

RESOURCES = (PART_RELATED,)
