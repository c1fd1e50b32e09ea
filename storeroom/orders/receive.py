"""Receiving a placed purchase order (`POST /api/order/po/{id}/receive/`), as InvenTree's
PurchaseOrderReceiveSerializer and PurchaseOrder.receive_line_item do it: each item names a line
of the order and a quantity (in packs); its stock goes to the item's location, else the body's,
else the line's destination, else the part's default location. Stock items are created through
the stock ledger with a "received against purchase order" entry and the line's unit price per
base unit; the lines' `received` grows (more than ordered is accepted, as InvenTree accepts it);
an order with no line left to receive is completed.

Every line, supplier part and location is read in one query each, the stock items inserted in one
statement and the lines updated in one executemany, so a 1,000-line receipt is a few round trips.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.action_bodies import read_struct
from storeroom.api.actions import ActionCall
from storeroom.errors import Invalid
from storeroom.models.clock import today
from storeroom.models.order_purchase import PURCHASE_ORDER, PURCHASE_ORDER_LINE_ITEM
from storeroom.models.part import PART
from storeroom.models.stock import STOCK_LOCATION
from storeroom.models.supplier import SUPPLIER_PART
from storeroom.orders.schemas import PurchaseOrderLineItemReceive, PurchaseOrderReceive
from storeroom.orders.states import PO, set_status, user_of
from storeroom.stock import codes, ledger, serials

orders, lines = PURCHASE_ORDER.table, PURCHASE_ORDER_LINE_ITEM.table
supplier_parts, parts, locations = SUPPLIER_PART.table, PART.table, STOCK_LOCATION.table
Row = Mapping[str, Any]


@dataclass
class Receipt:
    """One checked item of the body, with what it is received against."""

    item: PurchaseOrderLineItemReceive
    line: Row
    supplier_part: Row | None
    location: int
    serials: list[str]


async def receive_order(call: ActionCall[PurchaseOrderReceive]) -> dict[str, Any]:
    connection, order = call.connection, call.target
    raw: Sequence[Any] = call.body.items
    if not raw:
        raise Invalid(general=["Line items must be provided"])
    receipts = await check_items(connection, order, raw, call.body.location)
    await create_stock(connection, order, receipts, user_of(call))
    await count_received(connection, receipts)
    await schedule_pricing(connection, receipts)
    pending = sa.select(lines.c.id).where(
        lines.c.order == order["id"], lines.c.quantity > lines.c.received
    )
    if (await connection.execute(pending.limit(1))).first() is None:
        await set_status(connection, orders, order["id"], PO["COMPLETE"], complete_date=today())
    return {"items": list(raw), "location": call.body.location}


async def check_items(
    connection: AsyncConnection, order: Row, raw: Sequence[Any], location: int | None
) -> list[Receipt]:
    """Each item parsed and checked; Invalid with DRF's per-item errors if any is wrong."""
    parsed: list[PurchaseOrderLineItemReceive | None] = []
    errors: list[dict[str, list[str]]] = []
    for entry in raw:
        try:
            parsed.append(read_struct(PurchaseOrderLineItemReceive, as_dict(entry)))
            errors.append({})
        except Invalid as problem:
            parsed.append(None)
            errors.append(problem.fields or {"non_field_errors": problem.general})
    found = [item for item in parsed if item is not None]
    order_lines = await rows_by_id(connection, lines, [item.line_item for item in found])
    part_ids = [line["part"] for line in order_lines.values() if line["part"] is not None]
    supplied = await rows_by_id(connection, supplier_parts, part_ids)
    base_parts = await rows_by_id(connection, parts, [row["part"] for row in supplied.values()])
    wanted = [item.location for item in found if item.location is not None]
    known = set(await rows_by_id(connection, locations, [*wanted, location or 0]))
    receipts: list[Receipt] = []
    taken: dict[int, set[str]] = {}
    for index, item in enumerate(parsed):
        if item is None:
            continue
        line = order_lines.get(item.line_item)
        if line is None:
            errors[index] = {"line_item": missing(item.line_item)}
            continue
        try:
            supplier_part = supplied.get(line["part"]) if line["part"] else None
            part = base_parts.get(supplier_part["part"]) if supplier_part else None
            target = destination(item, line, part, location, known, order["id"])
            found_serials = await serials_of(connection, item, supplier_part, taken)
        except Invalid as problem:
            errors[index] = problem.fields or {"non_field_errors": problem.general}
            continue
        if target is None:
            # InvenTree names the body's location, not the item's.
            raise Invalid({"location": ["Destination location must be specified"]})
        receipts.append(Receipt(item, line, supplier_part, target, found_serials))
    if location is not None and location not in known:
        raise Invalid({"location": [*missing(location)]})
    if any(errors):
        raise Invalid({"items": errors})  # type: ignore[dict-item]
    barcodes = [item.barcode for item in found if item.barcode]
    if len(barcodes) != len(set(barcodes)):
        raise Invalid(general=["Supplied barcode values must be unique"])
    return receipts


async def schedule_pricing(connection: AsyncConnection, receipts: list[Receipt]) -> None:
    """The received parts' purchase history changed: their pricing is due for recalculation
    (the pricing.pending job recalculates them and the parts above them)."""
    received = {receipt.supplier_part["part"] for receipt in receipts if receipt.supplier_part}
    if received:
        await connection.execute(
            sa.update(parts).where(parts.c.id.in_(received)).values(pricing_updated=None)
        )


def missing(pk: Any) -> list[str]:
    return [f'Invalid pk "{pk}" - object does not exist.']


def as_dict(entry: Any) -> dict[str, Any]:
    return entry if isinstance(entry, dict) else {}


def destination(
    item: PurchaseOrderLineItemReceive,
    line: Row,
    part: Row | None,
    location: int | None,
    known: set[int],
    order_id: int,
) -> int | None:
    """Where the item's stock goes (None: nowhere given); Invalid naming the item's bad field."""
    if line["order"] != order_id:
        raise Invalid({"line_item": ["Line item does not match purchase order"]})
    if item.quantity <= 0:
        raise Invalid({"quantity": ["Quantity must be greater than zero"]})
    if item.barcode:
        # Stock items keep no barcode in storeroom yet (docs/api-behaviour.md).
        raise Invalid({"barcode": ["Assigning a barcode on receipt is not supported"]})
    if item.location is not None and item.location not in known:
        raise Invalid({"location": [*missing(item.location)]})
    chosen = item.location or location or line["destination"]
    if chosen is None and part is not None:
        chosen = part["default_location"]
    return None if chosen is None else int(chosen)


def pack_quantity(supplier_part: Row | None) -> Decimal:
    """Base units per pack: the supplier part's pack quantity when it is a plain number."""
    text = (supplier_part or {}).get("pack_quantity") or ""
    try:
        value = Decimal(str(text).strip())
    except InvalidOperation:
        return Decimal(1)
    return value if value > 0 else Decimal(1)


async def serials_of(
    connection: AsyncConnection,
    item: PurchaseOrderLineItemReceive,
    supplier_part: Row | None,
    taken: dict[int, set[str]],
) -> list[str]:
    """The serial numbers the item gives (none without), checked against the part's."""
    text = item.serial_numbers.strip()
    if not text or supplier_part is None:
        return []
    part_id = supplier_part["part"]
    if part_id not in taken:
        taken[part_id] = await serials.family_serials(connection, [part_id])
    used = taken[part_id]
    amount = item.quantity * pack_quantity(supplier_part)
    if amount != amount.to_integral_value():
        raise Invalid({"serial_numbers": ["Invalid quantity provided"]})
    found = serials.parse_serial_numbers(text, int(amount), serials.next_free_serial(used))
    serials.refuse_taken(found, used)
    used.update(found)
    return found


async def rows_by_id(
    connection: AsyncConnection, table: sa.Table, ids: Sequence[int]
) -> dict[int, Row]:
    if not ids:
        return {}
    found = await connection.execute(sa.select(table).where(table.c.id.in_(set(ids))))
    return {row.id: dict(row._mapping) for row in found}


async def create_stock(
    connection: AsyncConnection, order: Row, receipts: list[Receipt], user_id: int | None
) -> None:
    """The received stock items, one insert for all of them, each with its tracking entry."""
    # Items are inserted together per note (a tracking entry's notes are the item's note).
    by_note: dict[str, list[dict[str, Any]]] = {}
    for receipt in receipts:
        supplier_part, item, line = receipt.supplier_part, receipt.item, receipt.line
        if supplier_part is None:
            continue
        per_pack = pack_quantity(supplier_part)
        price = line["purchase_price"]
        common = {
            "part": supplier_part["part"],
            "supplier_part": supplier_part["id"],
            "location": receipt.location,
            "status": item.status,
            "batch": item.batch_code or None,
            "packaging": item.packaging or supplier_part["packaging"] or None,
            "purchase_price": None if price is None else Decimal(price) / per_pack,
            "purchase_price_currency": line["purchase_price_currency"],
        }
        if receipt.serials:
            made = [{**common, "quantity": 1, "serial": serial} for serial in receipt.serials]
        else:
            made = [{**common, "quantity": item.quantity * per_pack}]
        by_note.setdefault(item.note, []).extend(made)
    # Each entry records the item's status, quantity and location (ledger.create_items) and
    # the order it was received against.
    for notes, rows in by_note.items():
        await ledger.create_items(
            connection,
            rows,
            code=codes.RECEIVED_AGAINST_PURCHASE_ORDER,
            user_id=user_id,
            notes=notes,
            deltas={"purchaseorder": order["id"]},
        )


async def count_received(connection: AsyncConnection, receipts: list[Receipt]) -> None:
    """Each line's `received` grows by what was received against it (one executemany)."""
    totals: dict[int, Decimal] = {}
    for receipt in receipts:
        line_id = receipt.line["id"]
        totals[line_id] = totals.get(line_id, Decimal(0)) + receipt.item.quantity
    statement = (
        sa.update(lines)
        .where(lines.c.id == sa.bindparam("line_id"))
        .values(received=lines.c.received + sa.bindparam("amount", type_=sa.Float))
    )
    await connection.execute(
        statement, [{"line_id": pk, "amount": float(total)} for pk, total in totals.items()]
    )
