"""Stocktake over many parts (InvenTree's part/stocktake.py): which parts a report covers, what
each part's stock in hand is worth, the report's CSV rows and the stocktake records kept per part.

A part's record counts all its stock in hand (not its variants'); the report's row counts only the
items inside the chosen location, when one is chosen. An item is valued at its purchase price, or
else at its part's overall pricing, in the base currency; a value that cannot be converted counts
as zero, as InvenTree's does.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.currency.service import Rates
from storeroom.models.clock import today
from storeroom.models.expressions import table
from storeroom.models.part import full_name
from storeroom.models.stock_filters import in_stock, subtree
from storeroom.parts import pricing
from storeroom.parts.pricing_sources import in_base

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Scope:
    """What a report covers: a part and its variants, a category and those below it, the parts
    with stock inside a location and those below it; None is everything."""

    part: int | None = None
    category: int | None = None
    location: int | None = None
    exclude_external: bool = True


@dataclass(slots=True)
class Tally:
    item_count: int = 0
    quantity: Decimal = ZERO
    cost_min: Decimal = ZERO
    cost_max: Decimal = ZERO

    def add(self, quantity: Decimal, cost_min: Decimal, cost_max: Decimal) -> None:
        self.item_count += 1
        self.quantity += quantity
        self.cost_min += cost_min
        self.cost_max += cost_max


@dataclass(slots=True)
class Counted:
    """One part's stocktake: its whole stock in hand, and the part of it inside the location."""

    pk: int
    name: str
    description: str
    category: int | None
    category_name: str | None
    total: Tally = field(default_factory=Tally)
    in_location: Tally = field(default_factory=Tally)


def external_places() -> sa.Select[Any]:
    places = table("stocklocation")
    return sa.select(places.c.id).where(places.c.external.is_(True))


def not_external(items: sa.FromClause) -> sa.ColumnElement[bool]:
    # Django's exclude(location__external=True) keeps the items without a location.
    return sa.or_(items.c.location.is_(None), items.c.location.not_in(external_places()))


def chosen_parts(scope: Scope) -> sa.Select[Any]:
    part, category = table("part"), table("partcategory")
    query = (
        sa.select(
            part.c.id,
            full_name(part).label("name"),
            part.c.description,
            part.c.category,
            category.c.name.label("category_name"),
        )
        .select_from(part.outerjoin(category, category.c.id == part.c.category))
        .order_by(part.c.id)
    )
    if scope.part is not None:
        query = query.where(part.c.id.in_(subtree("part", "variant_of", scope.part)))
    if scope.category is not None:
        query = query.where(part.c.category.in_(subtree("partcategory", "parent", scope.category)))
    if scope.location is not None:
        items = table("stockitem")
        inside: sa.ColumnElement[bool] = items.c.location.in_(
            subtree("stocklocation", "parent", scope.location)
        )
        if scope.exclude_external:
            inside = sa.and_(inside, not_external(items))
        query = query.where(part.c.id.in_(sa.select(items.c.part).where(inside)))
    return query


async def stock_in_hand(
    connection: AsyncConnection, parts: Sequence[int], exclude_external: bool
) -> dict[int, list[Any]]:
    items = table("stockitem")
    query = sa.select(
        items.c.part,
        items.c.quantity,
        items.c.location,
        items.c.purchase_price,
        items.c.purchase_price_currency,
    ).where(items.c.part.in_(parts), in_stock(items))
    if exclude_external:
        query = query.where(not_external(items))
    found: dict[int, list[Any]] = defaultdict(list)
    for row in await connection.execute(query.order_by(items.c.id)):
        found[row.part].append(row)
    return found


async def part_pricing(
    connection: AsyncConnection, parts: Sequence[int], rates: Rates
) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    """Each part's stored overall pricing; a part never priced is priced first (InvenTree updates
    a part's invalid pricing before its stocktake)."""
    part = table("part")
    query = sa.select(part.c.id).where(part.c.id.in_(parts), part.c.pricing_updated.is_(None))
    unpriced = list((await connection.execute(query)).scalars())
    if unpriced:
        await pricing.recalculate_many(connection, unpriced, rates)
    stored = sa.select(part.c.id, part.c.pricing_min, part.c.pricing_max).where(
        part.c.id.in_(parts)
    )
    return {row.id: (row.pricing_min, row.pricing_max) for row in await connection.execute(stored)}


def unit_costs(item: Any, overall: tuple[Any, Any], rates: Rates) -> tuple[Decimal, Decimal]:
    if item.purchase_price is not None:
        low = high = in_base(item.purchase_price, item.purchase_price_currency, rates)
    else:
        low = in_base(overall[0] if overall[0] is not None else overall[1], "", rates)
        high = in_base(overall[1] if overall[1] is not None else overall[0], "", rates)
    if low is None or high is None:
        return ZERO, ZERO
    return low, high


async def count_stock(connection: AsyncConnection, scope: Scope, rates: Rates) -> list[Counted]:
    """The stocktake of every part in scope, in pk order."""
    counted = [
        Counted(row.id, row.name, row.description or "", row.category, row.category_name)
        for row in await connection.execute(chosen_parts(scope))
    ]
    pks = [entry.pk for entry in counted]
    items = await stock_in_hand(connection, pks, scope.exclude_external)
    overall = await part_pricing(connection, pks, rates)
    places: set[int] = set()
    if scope.location is not None:
        inside = subtree("stocklocation", "parent", scope.location)
        places = set((await connection.execute(inside)).scalars())
    for entry in counted:
        for item in items[entry.pk]:
            quantity = Decimal(str(item.quantity))
            low, high = unit_costs(item, overall.get(entry.pk, (None, None)), rates)
            entry.total.add(quantity, low * quantity, high * quantity)
            if scope.location is None or item.location in places:
                entry.in_location.add(quantity, low * quantity, high * quantity)
    return counted


def normalized(value: Decimal) -> str:
    """InvenTree's helpers.normalize: no trailing zeros, no exponent."""
    return format(value.normalize(), "f") if value else "0"


def report_csv(counted: Sequence[Counted], base_currency: str) -> bytes:
    written = io.StringIO()
    writer = csv.writer(written)
    writer.writerow(
        [
            "Part ID",
            "Part Name",
            "Part Description",
            "Category ID",
            "Category Name",
            "Stock Items",
            "Total Quantity",
            f"Total Cost Min ({base_currency})",
            f"Total Cost Max ({base_currency})",
        ]
    )
    for entry in counted:
        tally = entry.in_location
        writer.writerow(
            [
                entry.pk,
                entry.name,
                entry.description,
                "" if entry.category is None else entry.category,
                entry.category_name or "",
                tally.item_count,
                normalized(tally.quantity),
                normalized(tally.cost_min),
                normalized(tally.cost_max),
            ]
        )
    return written.getvalue().encode()


def stocktake_rows(
    counted: Sequence[Counted], base_currency: str, user: int | None, user_detail: Any
) -> list[dict[str, Any]]:
    """The records kept per part: its whole stock, whatever the location chosen."""
    return [
        {
            "date": today(),
            "part": entry.pk,
            "item_count": entry.total.item_count,
            "quantity": float(entry.total.quantity),
            "cost_min": entry.total.cost_min,
            "cost_min_currency": base_currency,
            "cost_max": entry.total.cost_max,
            "cost_max_currency": base_currency,
            "note": "",
            "user": user,
            "user_detail": user_detail,
        }
        for entry in counted
    ]
