"""The list-level stock movements (`/api/stock/add|remove|count|transfer|assign|merge|
change_status/`): each reads its items, applies InvenTree's rules and calls the ledger, in the
request's one transaction. A problem with an item is a message on `items` (InvenTree nests one
dict per item there; docs/api-behaviour.md, "Stock movements")."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.actions import ActionCall
from storeroom.errors import Invalid
from storeroom.models.clock import now
from storeroom.models.expressions import table
from storeroom.stock import codes, ledger
from storeroom.stock.schemas import (
    StockAdd,
    StockAdjustmentItem,
    StockAssignment,
    StockAssignmentItem,
    StockChangeStatus,
    StockCount,
    StockMerge,
    StockMergeItem,
    StockRemove,
    StockTransfer,
    entries,
)

items = ledger.items


def user_of(call: ActionCall[Any]) -> int | None:
    return None if call.identity is None or call.identity.is_system else call.identity.user_id


def on_items(error: Invalid) -> Invalid:
    """A ledger refusal about one item, as a message on `items`."""
    messages = [message for found in error.fields.values() for message in found]
    return Invalid({"items": messages + error.general})


async def existing(connection: AsyncConnection, model_type: str, pk: int, field: str) -> Any:
    found = table(model_type)
    row = (await connection.execute(sa.select(found).where(found.c.id == pk))).first()
    if row is None:
        raise Invalid.field(field, ledger.missing(pk))
    return row


async def apply_extras(connection: AsyncConnection, entry: StockAdjustmentItem) -> None:
    """The batch, status and packaging an adjustment entry may set on its item."""
    values: dict[str, Any] = {}
    if entry.batch:
        values["batch"] = entry.batch
    if entry.packaging:
        values["packaging"] = entry.packaging
    if entry.status:
        values.update(status=entry.status, status_custom_key=None)
    if values:
        await ledger.write_item(connection, entry.pk, **values)


Step = Callable[[AsyncConnection, StockAdjustmentItem, int | None, str], Awaitable[Any]]


async def adjust(call: ActionCall[Any], step: Step) -> Any:
    body = call.body
    listed = entries(body.items, StockAdjustmentItem)
    connection = await call.transaction()
    await ledger.lock_items(connection, [entry.pk for entry in listed], field="items")
    for entry in listed:
        try:
            await apply_extras(connection, entry)
            await step(connection, entry, user_of(call), body.notes)
        except Invalid as error:
            raise on_items(error) from None
    return body


async def add_step(
    connection: AsyncConnection, entry: StockAdjustmentItem, user: int | None, notes: str
) -> None:
    await ledger.add_quantity(connection, entry.pk, entry.quantity, user_id=user, notes=notes)


async def remove_step(
    connection: AsyncConnection, entry: StockAdjustmentItem, user: int | None, notes: str
) -> None:
    await ledger.remove_quantity(connection, entry.pk, entry.quantity, user_id=user, notes=notes)


async def count_step(
    connection: AsyncConnection, entry: StockAdjustmentItem, user: int | None, notes: str
) -> None:
    await ledger.count_quantity(connection, entry.pk, entry.quantity, user_id=user, notes=notes)


async def add_stock(call: ActionCall[StockAdd]) -> StockAdd:
    """Add stock to the items (STOCK_ADD)."""
    result: StockAdd = await adjust(call, add_step)
    return result


async def remove_stock(call: ActionCall[StockRemove]) -> StockRemove:
    """Take stock from the items, never past zero (STOCK_REMOVE)."""
    result: StockRemove = await adjust(call, remove_step)
    return result


async def count_stock(call: ActionCall[StockCount]) -> StockCount:
    """Stocktake: each item holds exactly the quantity counted (STOCK_COUNT)."""
    result: StockCount = await adjust(call, count_step)
    return result


async def usable_location(connection: AsyncConnection, pk: int) -> None:
    place = await existing(connection, "stocklocation", pk, "location")
    if place.structural:
        raise Invalid.field(
            "location", "Stock items cannot be located into structural stock locations!"
        )


async def transfer_stock(call: ActionCall[StockTransfer]) -> StockTransfer:
    """Move the items (a partial quantity splits its item) to the location (STOCK_MOVE)."""
    body = call.body
    listed = entries(body.items, StockAdjustmentItem)
    connection = await call.transaction()
    await usable_location(connection, body.location)
    await ledger.lock_items(connection, [entry.pk for entry in listed], field="items")
    try:
        for entry in listed:
            await apply_extras(connection, entry)
        moves = [(entry.pk, entry.quantity) for entry in listed]
        await ledger.move_items(
            connection, moves, body.location, user_id=user_of(call), notes=body.notes
        )
    except Invalid as error:
        raise on_items(error) from None
    return body


async def assign_stock(call: ActionCall[StockAssignment]) -> StockAssignment:
    """Send the items to a customer (SENT_TO_CUSTOMER)."""
    body = call.body
    listed = entries(body.items, StockAssignmentItem)
    connection = await call.transaction()
    customer = await existing(connection, "company", body.customer, "customer")
    if not customer.is_customer:
        raise Invalid.field("customer", "Selected company is not a customer")
    locked = await ledger.lock_items(connection, [entry.item for entry in listed], field="items")
    for entry in listed:
        if not ledger.is_in_stock(locked[entry.item]):
            raise Invalid({"items": ["Item must be in stock"]})
        await ledger.assign_to_customer(
            connection, entry.item, body.customer, user_id=user_of(call), notes=body.notes
        )
    return body


async def change_status(call: ActionCall[StockChangeStatus]) -> StockChangeStatus:
    """Set the items' status; an item already in it is left alone (STOCK_UPDATE)."""
    body = call.body
    if not body.items:
        raise Invalid.field("items", "A list of stock items must be provided")
    connection = await call.transaction()
    locked = await ledger.lock_items(connection, body.items, field="items")
    changed = [pk for pk, item in locked.items() if item["status"] != body.status]
    if changed:
        await connection.execute(
            sa.update(items)
            .where(items.c.id.in_(changed))
            .values(status=body.status, status_custom_key=None, updated=now())
        )
    await ledger.add_tracking(
        connection,
        changed,
        codes.STOCK_UPDATE,
        user_id=user_of(call),
        notes=body.note,
        deltas={"status": body.status},
    )
    return body


def merge_refusal(base: dict[str, Any], other: dict[str, Any], body: StockMerge) -> str | None:
    """Why two items cannot be merged (InvenTree's StockItem.can_merge), or None."""
    if other["id"] == base["id"]:
        return "Stock item cannot be merged with itself"
    if other["part"] != base["part"]:
        return "Stock item part must match"
    if ledger.is_serialized(base) or ledger.is_serialized(other):
        return "Serialized stock items cannot be merged"
    if not body.allow_mismatched_suppliers and other["supplier_part"] != base["supplier_part"]:
        return "Stock item supplier part must match"
    if not body.allow_mismatched_status and other["status"] != base["status"]:
        return "Stock item status codes must match"
    if not ledger.is_in_stock(other) or not ledger.is_in_stock(base):
        return "StockItem cannot be moved as it is not in stock"
    return None


async def merge_stock(call: ActionCall[StockMerge]) -> StockMerge:
    """Merge the items into the first, at the location (MERGED_STOCK_ITEMS)."""
    body = call.body
    listed = entries(body.items, StockMergeItem)
    if len(listed) < 2:
        raise Invalid.field("items", "At least two stock items must be provided")
    connection = await call.transaction()
    await usable_location(connection, body.location)
    pks = [entry.item for entry in listed]
    locked = await ledger.lock_items(connection, pks, field="items")
    base, others = locked[pks[0]], [locked[pk] for pk in dict.fromkeys(pks[1:])]
    refusals = [reason for other in others if (reason := merge_refusal(base, other, body))]
    if refusals:
        raise Invalid({"items": list(dict.fromkeys(refusals))})
    total = ledger.exact(base["quantity"]) + sum(
        (ledger.exact(other["quantity"]) for other in others), Decimal(0)
    )
    merged = [other["id"] for other in others]
    # What was installed in, or split from, a merged item now belongs to the one kept.
    for column in ("belongs_to", "parent"):
        await connection.execute(
            sa.update(items).where(items.c[column].in_(merged)).values({column: base["id"]})
        )
    await connection.execute(sa.delete(items).where(items.c.id.in_(merged)))
    await ledger.write_item(
        connection, base["id"], quantity=ledger.stored(total), location=body.location
    )
    await ledger.add_tracking(
        connection,
        [base["id"]],
        codes.MERGED_STOCK_ITEMS,
        user_id=user_of(call),
        notes=body.notes,
        deltas={"location": body.location, "quantity": float(total), "merged": merged},
    )
    return body
