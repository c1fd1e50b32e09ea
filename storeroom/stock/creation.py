"""`POST /api/stock/` as InvenTree's StockList.create answers it: `use_pack_size` counts the
quantity (and prices) in the supplier part's packs, and `serial_numbers` makes one item of
quantity 1 per serial number (the part must be trackable, the quantity must match the serials,
none in use in the part's variant family), answered as the list of items made."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api import crud
from storeroom.api.context import ApiContext
from storeroom.api.fields import FieldError, parse_bool, parse_float, parse_int
from storeroom.api.relations import check_relations
from storeroom.api.validation import convert_body
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Invalid
from storeroom.models.expressions import table
from storeroom.models.stock import STOCK_ITEM
from storeroom.stock import codes, ledger
from storeroom.stock.item_actions import checked_serials

PACK_SIZE_NOT_SET = "The supplier part has a pack size defined, but flag use_pack_size not set"
NOT_TRACKABLE = "Serial numbers cannot be supplied for a non-trackable part"


def pack_size(text: Any) -> Decimal:
    """Base units per pack: the supplier part's pack quantity when it is a plain number."""
    try:
        value = Decimal(str(text or "").strip())
    except InvalidOperation:
        return Decimal(1)
    return value if value > 0 else Decimal(1)


async def counted_in_packs(connection: AsyncConnection, body: dict[str, Any]) -> dict[str, Any]:
    """The body with its quantity (and price) per base unit. A supplier part whose pack holds
    more than one unit needs `use_pack_size`: true counts the quantity in packs."""
    wanted = body.pop("use_pack_size", None)
    chosen = body.get("supplier_part")
    if chosen is None:
        return body
    try:
        pk = parse_int(chosen)
    except FieldError:
        return body  # the body's own check reports it
    supplier_parts = table("supplierpart")
    found = await connection.execute(
        sa.select(supplier_parts.c.pack_quantity).where(supplier_parts.c.id == pk)
    )
    row = found.first()
    if row is None:
        return body  # the body's own check reports the missing supplier part
    size = pack_size(row.pack_quantity)
    if size == 1:
        return body
    if wanted is None:
        raise Invalid.field("use_pack_size", PACK_SIZE_NOT_SET)
    try:
        in_packs = parse_bool(wanted)
    except FieldError as error:
        raise Invalid.field("use_pack_size", str(error)) from None
    if in_packs and body.get("quantity") is not None:
        try:
            body["quantity"] = float(Decimal(str(parse_float(body["quantity"]))) * size)
            if body.get("purchase_price") not in (None, ""):
                body["purchase_price"] = str(Decimal(str(body["purchase_price"])) / size)
        except (FieldError, InvalidOperation):
            pass  # the body's own check reports the bad number
    return body


async def create_stock(
    context: ApiContext, tenant: TenantDb, body: dict[str, Any], user_id: int | None
) -> dict[str, Any] | list[dict[str, Any]]:
    """One item, or with `serial_numbers` the list of serialized items made."""
    body = dict(body)
    serial_numbers = body.pop("serial_numbers", None)
    async with tenant.transaction() as connection:
        body = await counted_in_packs(connection, body)
    if serial_numbers in (None, ""):
        values, errors = convert_body(STOCK_ITEM, body, partial=False, creating=True)
        return await crud.create(context, tenant, STOCK_ITEM, values, errors)
    created = await create_serialized(context, tenant, body, str(serial_numbers), user_id)
    context.counts.invalidate(tenant.account, STOCK_ITEM.table.name)
    return created


def serial_quantity(body: dict[str, Any]) -> int:
    if body.get("quantity") is None:
        raise Invalid.field("quantity", "Quantity is required")
    try:
        quantity = parse_float(body["quantity"])
    except FieldError as error:
        raise Invalid.field("quantity", str(error)) from None
    if quantity <= 0 or not quantity.is_integer():
        message = "Invalid quantity provided"
        raise Invalid({"quantity": [message], "serial_numbers": [message]})
    return int(quantity)


async def trackable_part(connection: AsyncConnection, body: dict[str, Any]) -> int:
    parts = table("part")
    try:
        pk = parse_int(body.get("part"))
    except FieldError:
        raise Invalid.field("part", "Valid part must be supplied") from None
    row = (await connection.execute(sa.select(parts.c.trackable).where(parts.c.id == pk))).first()
    if row is None:
        raise Invalid.field("part", "Valid part must be supplied")
    if not row.trackable:
        raise Invalid.field("serial_numbers", NOT_TRACKABLE)
    return pk


async def create_serialized(
    context: ApiContext,
    tenant: TenantDb,
    body: dict[str, Any],
    serial_numbers: str,
    user_id: int | None,
) -> list[dict[str, Any]]:
    """Check the item's fields as a create of one does, then make one item per serial number,
    each with its CREATED tracking entry, in one transaction."""
    quantity = serial_quantity(body)
    single = {**body, "quantity": 1, "serial": None}
    values, errors = convert_body(STOCK_ITEM, single, partial=False, creating=True)
    async with tenant.transaction() as connection:
        part = await trackable_part(connection, body)
        await crud.fill_create_defaults(context, connection, STOCK_ITEM, values, errors)
        problems = await crud.checked(connection, STOCK_ITEM, values, None, errors)
        await check_relations(connection, STOCK_ITEM, values, problems)
        serials = await checked_serials(connection, part, serial_numbers, quantity)
        values.pop("updated", None)
        rows = [{**values, "serial": serial} for serial in serials]
        made = await ledger.create_items(connection, rows, code=codes.CREATED, user_id=user_id)
        columns = [STOCK_ITEM.column(spec.name) for spec in STOCK_ITEM.readable]
        found = await connection.execute(
            sa.select(*columns).where(STOCK_ITEM.pk.in_(made)).order_by(STOCK_ITEM.pk)
        )
        return crud.to_objects(STOCK_ITEM, [tuple(row) for row in found])
