"""The stock ledger: every change of a stock item's quantity, place or owner, each in the caller's
transaction and each writing its tracking entry (InvenTree's StockItem methods: add_stock,
take_stock, stocktake, splitStock, move, allocateToCustomer, returnFromCustomer).

Other capabilities (orders, builds) call these functions inside their own transaction. Every
function locks the rows it changes first (SELECT ... FOR UPDATE on PostgreSQL; SQLite's writer
lock already serialises writes), reads the quantity under the lock and writes the result, so
concurrent movements never lose an update and never go below zero.

Quantities are computed as Decimals rounded to the 5 places of InvenTree's quantity column and
stored as the nearest float (the model declares a float column): 0.1 + 0.2 stays 0.3.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.errors import Invalid
from storeroom.models.clock import now, today
from storeroom.models.stock import STOCK_ITEM
from storeroom.models.stock_history import STOCK_ITEM_TRACKING
from storeroom.stock import codes
from storeroom.stock.rows import (
    column_defaults,
    exact,
    is_in_stock,
    is_serialized,
    lock_item,
    lock_items,
    missing,
    number,
    stored,
    update_quantity,
    write_item,
)
from storeroom.stock.tracking import add_tracking, copy_history

items = STOCK_ITEM.table
tracking = STOCK_ITEM_TRACKING.table
Deltas = Mapping[str, Any]

__all__ = [
    "add_quantity",
    "add_tracking",
    "assign_to_customer",
    "count_quantity",
    "create_items",
    "exact",
    "is_in_stock",
    "is_serialized",
    "lock_item",
    "lock_items",
    "missing",
    "move_items",
    "remove_quantity",
    "return_from_customer",
    "split_item",
    "stored",
    "take_quantity",
    "write_item",
]


def creation_deltas(row: Mapping[str, Any]) -> dict[str, Any]:
    deltas: dict[str, Any] = {"status": row.get("status", codes.OK)}
    deltas["quantity"] = number(exact(row["quantity"]))
    if row.get("location") is not None:
        deltas["location"] = row["location"]
    if row.get("serial"):
        deltas["serial"] = row["serial"]
    return deltas


async def create_items(
    connection: AsyncConnection,
    rows: Sequence[Mapping[str, Any]],
    *,
    code: int = codes.CREATED,
    user_id: int | None,
    notes: str = "",
    deltas: Deltas | None = None,
) -> list[int]:
    """Insert stock items (column values; `part` and `quantity` at least) and a tracking entry
    for each: its status, quantity and location, plus `deltas` (e.g. {"purchaseorder": pk})."""
    if not rows:
        return []
    prepared = []
    for row in rows:
        values = {**column_defaults(), **row, "updated": now()}
        values["quantity"] = stored(exact(values["quantity"]))
        prepared.append(values)
    inserted = await connection.execute(
        sa.insert(items).returning(items.c.id, sort_by_parameter_order=True), prepared
    )
    ids = [row.id for row in inserted]
    entries = [{**creation_deltas(row), **(deltas or {})} for row in prepared]
    await add_tracking(connection, ids, code, user_id=user_id, notes=notes, deltas=entries)
    return ids


def positive(quantity: Decimal, field: str = "quantity") -> None:
    if quantity <= 0:
        raise Invalid.field(field, "Quantity must be greater than zero")


async def add_quantity(
    connection: AsyncConnection,
    item_id: int,
    quantity: Any,
    *,
    code: int = codes.STOCK_ADD,
    user_id: int | None,
    notes: str = "",
    deltas: Deltas | None = None,
) -> Decimal:
    """Add stock to an item; its new quantity."""
    amount = exact(quantity)
    positive(amount)
    item = await lock_item(connection, item_id)
    if is_serialized(item):
        raise Invalid.field("quantity", "Serialized stock cannot be added")
    total = exact(item["quantity"]) + amount
    await update_quantity(connection, item, total)
    entry = {"added": number(amount), "quantity": number(total), **(deltas or {})}
    await add_tracking(connection, [item_id], code, user_id=user_id, notes=notes, deltas=entry)
    return total


def exceeds(available: Decimal) -> Invalid:
    shown = f"{available.normalize():f}"
    return Invalid.field("quantity", f"Quantity must not exceed available stock quantity ({shown})")


async def remove_quantity(
    connection: AsyncConnection,
    item_id: int,
    quantity: Any,
    *,
    code: int = codes.STOCK_REMOVE,
    user_id: int | None,
    notes: str = "",
    deltas: Deltas | None = None,
) -> Decimal:
    """Take stock from an item, never past zero (400); its remaining quantity. An item depleted
    to zero is deleted where its delete_on_deplete says so (and gets no entry then)."""
    amount = exact(quantity)
    positive(amount)
    item = await lock_item(connection, item_id)
    available = exact(item["quantity"])
    if amount > available:
        raise exceeds(available)
    remaining = available - amount
    if await update_quantity(connection, item, remaining):
        entry = {"removed": number(amount), "quantity": number(remaining), **(deltas or {})}
        await add_tracking(connection, [item_id], code, user_id=user_id, notes=notes, deltas=entry)
    return remaining


async def count_quantity(
    connection: AsyncConnection,
    item_id: int,
    quantity: Any,
    *,
    user_id: int | None,
    notes: str = "",
) -> Decimal:
    """Stocktake: the item holds exactly `quantity` (zero or more), counted today."""
    counted = exact(quantity)
    if counted < 0:
        raise Invalid.field("quantity", "Ensure this value is greater than or equal to 0.")
    item = await lock_item(connection, item_id)
    await write_item(connection, item_id, stocktake_date=today())
    if await update_quantity(connection, item, counted):
        await add_tracking(
            connection,
            [item_id],
            codes.STOCK_COUNT,
            user_id=user_id,
            notes=notes,
            deltas={"quantity": number(counted)},
        )
    return counted


async def split_item(
    connection: AsyncConnection,
    item_id: int,
    quantity: Any,
    *,
    user_id: int | None,
    notes: str = "",
    location: int | None = None,
    code: int = codes.SPLIT_CHILD_ITEM,
    values: Mapping[str, Any] | None = None,
) -> int:
    """Split `quantity` off an item into a new one (its history copied, its parent the item),
    placed at `location` (default: where the item is), with `values` changed; the new item's pk.
    A serialized item, or a quantity of all of it, is not split: the item's own pk."""
    amount = exact(quantity)
    positive(amount)
    item = await lock_item(connection, item_id)
    available = exact(item["quantity"])
    if amount > available:
        raise exceeds(available)
    if is_serialized(item) or amount == available:
        return item_id
    copied = {key: value for key, value in item.items() if key not in {"id", "metadata"}}
    target = item["location"] if location is None else location
    copied.update(quantity=stored(amount), parent=item_id, location=target, **(values or {}))
    inserted = await connection.execute(sa.insert(items).returning(items.c.id), [copied])
    new_id: int = inserted.scalar_one()
    await copy_history(connection, item_id, new_id)
    split_deltas: dict[str, Any] = {"stockitem": item_id, "quantity": number(amount)}
    if target is not None:
        split_deltas["location"] = target
    await add_tracking(
        connection,
        [new_id],
        codes.SPLIT_FROM_PARENT,
        user_id=user_id,
        notes=notes,
        deltas=split_deltas,
    )
    remaining = available - amount
    await write_item(connection, item_id, quantity=stored(remaining))
    child_deltas = {"stockitem": new_id, "removed": number(amount), "quantity": number(remaining)}
    if target is not None:
        child_deltas["location"] = target
    await add_tracking(
        connection, [item_id], code, user_id=user_id, notes=notes, deltas=child_deltas
    )
    return new_id


# InvenTree's name for a partial movement's split (orders and builds take a quantity off).
take_quantity = split_item


async def move_items(
    connection: AsyncConnection,
    moves: Sequence[tuple[int, Any]],
    location: int,
    *,
    user_id: int | None,
    notes: str = "",
    code: int = codes.STOCK_MOVE,
) -> list[int]:
    """Move (item pk, quantity) pairs to `location`; a quantity below the item's is split off
    and the new item moved; None moves all of it. The moved items' pks, in order."""
    locked = await lock_items(connection, [pk for pk, _quantity in moves])
    moved: list[int] = []
    whole: list[int] = []
    for pk, quantity in moves:
        item = locked[pk]
        if not is_in_stock(item):
            raise Invalid.field("items", "StockItem cannot be moved as it is not in stock")
        available = exact(item["quantity"])
        amount = available if quantity is None else exact(quantity)
        positive(amount)
        if amount > available:
            raise exceeds(available)
        if amount < available and not is_serialized(item):
            new_id = await split_item(
                connection, pk, amount, user_id=user_id, notes=notes, location=location
            )
            item["quantity"] = stored(available - amount)
            moved.append(new_id)
            continue
        whole.append(pk)
        moved.append(pk)
    if whole:
        await connection.execute(
            sa.update(items).where(items.c.id.in_(whole)).values(location=location, updated=now())
        )
    await add_tracking(
        connection, moved, code, user_id=user_id, notes=notes, deltas={"location": location}
    )
    return moved


async def assign_to_customer(
    connection: AsyncConnection,
    item_id: int,
    customer_id: int,
    *,
    user_id: int | None,
    notes: str = "",
    quantity: Any = None,
    sales_order: int | None = None,
    code: int = codes.SENT_TO_CUSTOMER,
    deltas: Deltas | None = None,
) -> int:
    """Send an item (or `quantity` split off it) to a customer: it leaves its location. The pk
    of the item sent (InvenTree's allocateToCustomer)."""
    item = await lock_item(connection, item_id)
    sent = item_id
    if quantity is not None and exact(quantity) < exact(item["quantity"]):
        sent = await split_item(connection, item_id, quantity, user_id=user_id, notes=notes)
    values: dict[str, Any] = {"customer": customer_id, "location": None}
    if sales_order is not None:
        values["sales_order"] = sales_order
    await write_item(connection, sent, **values)
    entry = {"customer": customer_id, **(deltas or {})}
    await add_tracking(connection, [sent], code, user_id=user_id, notes=notes, deltas=entry)
    return sent


async def return_from_customer(
    connection: AsyncConnection,
    item_id: int,
    location: int,
    *,
    user_id: int | None,
    notes: str = "",
    status: int | None = None,
    code: int = codes.RETURNED_FROM_CUSTOMER,
    deltas: Deltas | None = None,
) -> None:
    """An item comes back from its customer into `location` (InvenTree's returnFromCustomer)."""
    item = await lock_item(connection, item_id)
    entry: dict[str, Any] = {"location": location}
    if item["customer"] is not None:
        entry["customer"] = item["customer"]
    values: dict[str, Any] = {
        "customer": None,
        "belongs_to": None,
        "sales_order": None,
        "location": location,
    }
    if status is not None:
        values["status"], values["status_custom_key"] = status, None
        entry["status"] = status
    await write_item(connection, item_id, **values)
    entry.update(deltas or {})
    await add_tracking(connection, [item_id], code, user_id=user_id, notes=notes, deltas=entry)
