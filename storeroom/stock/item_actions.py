"""The actions on one stock item (`/api/stock/{id}/serialize|install|uninstall|convert|return/`):
the item is locked by the action (call.target), the rules are InvenTree's (stock/models.py:
serializeStock, installStockItem, uninstall_into_location, convert_to_variant,
returnFromCustomer)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.actions import ActionCall
from storeroom.errors import Invalid
from storeroom.generate.service import variant_family
from storeroom.models.expressions import table
from storeroom.stock import codes, ledger
from storeroom.stock.movements import existing, usable_location, user_of
from storeroom.stock.schemas import (
    ConvertStockItem,
    InstallStockItem,
    ReturnStockItem,
    SerializeStockItem,
    UninstallStockItem,
)
from storeroom.stock.serials import (
    family_serials,
    next_free_serial,
    parse_serial_numbers,
    refuse_taken,
)

items = ledger.items


async def serialize_item(call: ActionCall[SerializeStockItem]) -> SerializeStockItem:
    """Split `quantity` single items off the item, one per serial number (ASSIGNED_SERIAL)."""
    body, item = call.body, call.target
    connection = call.connection
    part = await existing(connection, "part", item["part"], "part")
    if not part.trackable:
        raise Invalid.field("part", "Part is not set as trackable")
    if body.quantity <= 0:
        raise Invalid.field("quantity", "Quantity must be greater than zero")
    available = ledger.exact(item["quantity"])
    if body.quantity > available:
        raise Invalid.field(
            "quantity",
            f"Quantity must not exceed available stock quantity ({available.normalize():f})",
        )
    await usable_location(connection, body.destination)
    serials = await checked_serials(connection, item["part"], body.serial_numbers, body.quantity)
    await make_serialized(call, serials, body.destination, body.notes)
    return body


async def checked_serials(
    connection: AsyncConnection, part: int, text: str, quantity: int
) -> list[str]:
    """The serials `text` names for `quantity` items of `part`, none in use in its family."""
    taken = await family_serials(connection, await variant_family(connection, part))
    serials = parse_serial_numbers(text, quantity, next_free_serial(taken))
    refuse_taken(serials, taken)
    return serials


async def make_serialized(
    call: ActionCall[Any], serials: list[str], location: int, notes: str
) -> list[int]:
    item, connection, user = call.target, call.connection, user_of(call)
    copied = {key: value for key, value in item.items() if key not in {"id", "metadata"}}
    rows = [
        {**copied, "quantity": 1, "serial": serial, "parent": item["id"], "location": location}
        for serial in serials
    ]
    created = await ledger.create_items(
        connection,
        rows,
        code=codes.ASSIGNED_SERIAL,
        user_id=user,
        notes=notes,
    )
    await ledger.remove_quantity(
        connection, item["id"], len(serials), code=codes.SPLIT_CHILD_ITEM, user_id=user, notes=notes
    )
    return created


async def in_bom(connection: AsyncConnection, assembly: int, component: int) -> bool:
    bom = table("bomitem")
    found = sa.select(bom.c.id).where(bom.c.part == assembly, bom.c.sub_part == component)
    return (await connection.execute(found.limit(1))).first() is not None


async def install_item(call: ActionCall[InstallStockItem]) -> InstallStockItem:
    """Install another item (or `quantity` of it) into this one (INSTALLED_INTO_ASSEMBLY on it,
    INSTALLED_CHILD_ITEM here)."""
    body, parent = call.body, call.target
    connection, user = call.connection, user_of(call)
    child = (await ledger.lock_items(connection, [body.stock_item], field="stock_item"))[
        body.stock_item
    ]
    if child["id"] == parent["id"] or not ledger.is_in_stock(child):
        raise Invalid.field("stock_item", ledger.missing(body.stock_item))
    if not await in_bom(connection, parent["part"], child["part"]):
        raise Invalid.field("stock_item", "Selected part is not in the Bill of Materials")
    if body.quantity > ledger.exact(child["quantity"]):
        raise Invalid.field("quantity", "Quantity to install must not exceed available quantity")
    installed = await ledger.split_item(
        connection, child["id"], body.quantity, user_id=user, notes=body.note
    )
    await ledger.write_item(connection, installed, belongs_to=parent["id"], location=None)
    await ledger.add_tracking(
        connection,
        [installed],
        codes.INSTALLED_INTO_ASSEMBLY,
        user_id=user,
        notes=body.note,
        deltas={"stockitem": parent["id"]},
    )
    await ledger.add_tracking(
        connection,
        [parent["id"]],
        codes.INSTALLED_CHILD_ITEM,
        user_id=user,
        notes=body.note,
        deltas={"stockitem": installed},
    )
    return body


async def uninstall_item(call: ActionCall[UninstallStockItem]) -> UninstallStockItem:
    """Take this item out of the item it is installed in, into a location."""
    body, item = call.body, call.target
    connection, user = call.connection, user_of(call)
    if item["belongs_to"] is None:
        raise Invalid(general=["Stock item is not installed in another item"])
    await usable_location(connection, body.location)
    parent = item["belongs_to"]
    await ledger.write_item(connection, item["id"], belongs_to=None, location=body.location)
    await ledger.add_tracking(
        connection,
        [parent],
        codes.REMOVED_CHILD_ITEM,
        user_id=user,
        notes=body.note,
        deltas={"stockitem": item["id"]},
    )
    await ledger.add_tracking(
        connection,
        [item["id"]],
        codes.REMOVED_FROM_ASSEMBLY,
        user_id=user,
        notes=body.note,
        deltas={"stockitem": parent, "location": body.location},
    )
    return body


async def convert_item(call: ActionCall[ConvertStockItem]) -> ConvertStockItem:
    """Make the item stock of another part of its part's variant family
    (CONVERTED_TO_VARIANT)."""
    body, item = call.body, call.target
    connection = call.connection
    await existing(connection, "part", body.part, "part")
    options = set(await variant_family(connection, item["part"])) - {item["part"]}
    if body.part not in options:
        raise Invalid.field("part", "Selected part is not a valid option for conversion")
    await ledger.write_item(connection, item["id"], part=body.part)
    await ledger.add_tracking(
        connection,
        [item["id"]],
        codes.CONVERTED_TO_VARIANT,
        user_id=user_of(call),
        deltas={"part": body.part},
    )
    return body


async def return_item(call: ActionCall[ReturnStockItem]) -> ReturnStockItem:
    """The item comes back from its customer into a location (RETURNED_FROM_CUSTOMER)."""
    body, item = call.body, call.target
    await usable_location(call.connection, body.location)
    await ledger.return_from_customer(
        call.connection, item["id"], body.location, user_id=user_of(call), notes=body.notes
    )
    return body
