"""The checks of a sales order allocation written through `/api/order/so-allocation/` (InvenTree's
`SalesOrderAllocation.clean()`): the item is of the line's part (or a variant), the quantity is
above zero, within the item and within what builds and other unshipped allocations leave of it,
1 for a serialized item, and the shipment is the line's order's and not shipped yet."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.errors import Invalid
from storeroom.models.expressions import table


async def check_allocation(connection: Any, values: dict[str, Any], pk: int | None) -> None:
    """A create (pk None) or update of one allocation; the update's missing values are the
    row's own. A missing line, item or shipment is left to the relation check (its 400)."""
    allocations = table("salesorderallocation")
    current: dict[str, Any] = {}
    if pk is not None:
        found = await connection.execute(sa.select(allocations).where(allocations.c.id == pk))
        current = dict(found.one()._mapping)
    merged = {**current, **values}
    line = await row_of(connection, "salesorderlineitem", merged.get("line"))
    item = await row_of(connection, "stockitem", merged.get("item"))
    errors: dict[str, list[str]] = {}
    if line is not None and item is not None:
        if line["part"] is None:
            errors["line"] = ["Cannot allocate stock to a line without a part"]
        elif not await is_variant_of(connection, item["part"], line["part"]):
            errors["item"] = ["Cannot allocate stock item to a line with a different part"]
    quantity = merged.get("quantity")
    if item is not None and quantity is not None:
        problem = await quantity_problem(connection, item, float(quantity), pk)
        if problem:
            errors["quantity"] = [problem]
    shipment = await row_of(connection, "salesordershipment", merged.get("shipment"))
    if shipment is not None and line is not None and shipment["order"] != line["order"]:
        errors["line"] = ["Sales order does not match shipment"]
        errors["shipment"] = ["Shipment does not match sales order"]
    elif shipment is not None and shipment["shipment_date"] is not None and "shipment" in values:
        errors["shipment"] = ["Shipment has already been shipped"]
    if errors:
        raise Invalid(errors)


async def quantity_problem(
    connection: AsyncConnection, item: dict[str, Any], quantity: float, pk: int | None
) -> str:
    """InvenTree's quantity rules in its order (a later failing rule's message wins)."""
    problem = ""
    if quantity > item["quantity"]:
        problem = "Allocation quantity cannot exceed stock quantity"
    if await held_elsewhere(connection, item["id"], pk) + quantity > item["quantity"]:
        problem = "Stock item is over-allocated"
    if quantity <= 0:
        problem = "Allocation quantity must be greater than zero"
    if item["serial"] and quantity != 1:
        problem = "Quantity must be 1 for serialized stock item"
    return problem


async def held_elsewhere(connection: AsyncConnection, item_id: int, pk: int | None) -> float:
    """What builds and the item's other unshipped sales allocations hold of it."""
    build_items, allocations = table("build_item"), table("salesorderallocation")
    shipments = table("salesordershipment")
    built = sa.select(sa.func.coalesce(sa.func.sum(build_items.c.quantity), 0.0)).where(
        build_items.c.stock_item == item_id
    )
    shipped = sa.select(shipments.c.id).where(shipments.c.shipment_date.is_not(None))
    sold = sa.select(sa.func.coalesce(sa.func.sum(allocations.c.quantity), 0.0)).where(
        allocations.c.item == item_id,
        allocations.c.id != (pk or 0),
        sa.or_(allocations.c.shipment.is_(None), allocations.c.shipment.not_in(shipped)),
    )
    held = await connection.execute(sa.select(built.scalar_subquery() + sold.scalar_subquery()))
    return float(held.scalar() or 0)


async def row_of(connection: AsyncConnection, model_type: str, pk: Any) -> dict[str, Any] | None:
    if pk is None:
        return None
    rows = table(model_type)
    found = (await connection.execute(sa.select(rows).where(rows.c.id == pk))).first()
    return None if found is None else dict(found._mapping)


async def is_variant_of(connection: AsyncConnection, part_id: int | None, wanted: int) -> bool:
    """The part is `wanted` or one of its variants (any depth)."""
    parts = table("part")
    current, seen = part_id, set[int]()
    while current is not None and current not in seen:
        if current == wanted:
            return True
        seen.add(current)
        query = sa.select(parts.c.variant_of).where(parts.c.id == current)
        current = (await connection.execute(query)).scalar()
    return False
