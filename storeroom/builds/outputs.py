"""Build outputs: stock items of the assembly made `is_building` by a build, then completed into
stock (their tracked allocations installed into them), scrapped or deleted (InvenTree's
create_build_output, complete_build_output, scrap_build_output and delete_output). Every stock
change goes through the stock ledger.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.action_bodies import read_struct
from storeroom.api.actions import ActionCall
from storeroom.api.crud import read_back
from storeroom.builds import consume
from storeroom.builds.schemas import (
    BuildOutput,
    BuildOutputComplete,
    BuildOutputCreate,
    BuildOutputDelete,
    BuildOutputQuantity,
    BuildOutputScrap,
)
from storeroom.builds.service import PENDING, PRODUCTION, set_status, user_of
from storeroom.errors import Invalid
from storeroom.models.build_line import assembly_and_templates
from storeroom.models.stock import STOCK_ITEM, STOCK_LOCATION
from storeroom.stock import codes, ledger, serials

stock, locations = STOCK_ITEM.table, STOCK_LOCATION.table
part, bom, lines, allocations = consume.part, consume.bom, consume.lines, consume.allocations
NO_OUTPUTS = "A list of build outputs must be provided"


async def create_output(call: ActionCall[BuildOutputCreate]) -> list[dict[str, Any]]:
    """New outputs in production: one per serial number, or one of the whole quantity. A
    pending build goes into production. The answer lists the new stock items, as InvenTree's
    server does and its client reads (docs/api-behaviour.md, "Build orders")."""
    connection, build, body = call.connection, call.target, call.body
    assembly = await part_row(connection, build["part"])
    found = await serials_for(connection, assembly, body)
    location = body.location or build["destination"] or assembly["default_location"]
    if location is not None and not await exists(connection, locations, location):
        raise Invalid.field("location", f'Invalid pk "{location}" - object does not exist.')
    common = {
        "part": assembly["id"],
        "build": build["id"],
        "is_building": True,
        "batch": body.batch_code or None,
        "location": location,
    }
    if found:
        rows = [{**common, "quantity": 1, "serial": serial} for serial in found]
    else:
        rows = [{**common, "quantity": body.quantity}]
    created = await ledger.create_items(
        connection,
        rows,
        code=codes.BUILD_OUTPUT_CREATED,
        user_id=user_of(call),
        deltas={"buildorder": build["id"]},
    )
    if build["status"] == PENDING:
        await set_status(connection, build, PRODUCTION)
    return [await read_back(connection, STOCK_ITEM, pk) for pk in created]


async def serials_for(
    connection: AsyncConnection, assembly: Mapping[str, Any], body: BuildOutputCreate
) -> list[str]:
    """The serial numbers of the new outputs (none for an untracked part left without)."""
    quantity = body.quantity
    if quantity <= 0:
        raise Invalid.field("quantity", "Quantity must be greater than zero")
    whole = quantity == quantity.to_integral_value()
    if not whole and assembly["trackable"]:
        raise Invalid.field("quantity", "Integer quantity required for trackable parts")
    if not whole and await has_trackable_parts(connection, assembly["id"]):
        message = "Integer quantity required, as the bill of materials contains trackable parts"
        raise Invalid.field("quantity", message)
    text = body.serial_numbers.strip()
    if assembly["trackable"] and not text:
        raise Invalid.field("serial_numbers", "Serial numbers must be provided for trackable parts")
    if not text:
        return []
    family = await assembly_and_templates(connection, assembly["id"])
    taken = await serials.family_serials(connection, family)
    found = serials.parse_serial_numbers(text, int(quantity), serials.next_free_serial(taken))
    serials.refuse_taken(found, taken)
    return found


async def has_trackable_parts(connection: AsyncConnection, part_id: int) -> bool:
    query = (
        sa.select(bom.c.id)
        .join(part, part.c.id == bom.c.sub_part)
        .where(bom.c.part == part_id, part.c.trackable.is_(True))
    )
    return (await connection.execute(query.limit(1))).first() is not None


async def part_row(connection: AsyncConnection, part_id: int) -> dict[str, Any]:
    found = await connection.execute(sa.select(part).where(part.c.id == part_id))
    return dict(found.one()._mapping)


async def exists(connection: AsyncConnection, table: sa.Table, pk: int) -> bool:
    query = sa.select(table.c.id).where(table.c.id == pk)
    return (await connection.execute(query)).first() is not None


async def checked_outputs(
    connection: AsyncConnection,
    build: Mapping[str, Any],
    raw: Sequence[Any],
    kind: type[BuildOutput] | type[BuildOutputQuantity],
    accept_incomplete: bool | None = None,
) -> list[tuple[dict[str, Any], Any]]:
    """The outputs named in the body, as (stock row, entry), or Invalid in DRF's list shape:
    each must be one of this build's outputs still in production (InvenTree's
    BuildOutputSerializer); when completing, fully allocated unless accepted."""
    if not raw:
        raise Invalid(general=[NO_OUTPUTS])
    found: list[tuple[dict[str, Any], Any]] = []
    errors: list[dict[str, list[str]]] = []
    for entry in raw:
        try:
            value = read_struct(kind, entry if isinstance(entry, dict) else {})
            row = await output_row(connection, build, value.output, accept_incomplete)
            if isinstance(value, BuildOutputQuantity):
                check_quantity(value.quantity, row)
        except Invalid as problem:
            errors.append(problem.fields or {"non_field_errors": problem.general})
            continue
        errors.append({})
        found.append((row, value))
    if any(errors):
        raise Invalid({"outputs": errors})  # type: ignore[dict-item]
    return found


def check_quantity(quantity: Decimal, row: Mapping[str, Any]) -> None:
    if quantity <= 0:
        raise Invalid.field("quantity", "Quantity must be greater than zero")
    if quantity > ledger.exact(row["quantity"]):
        raise Invalid.field("quantity", "Quantity cannot be greater than the output quantity")


async def output_row(
    connection: AsyncConnection,
    build: Mapping[str, Any],
    output_id: int,
    accept_incomplete: bool | None,
) -> dict[str, Any]:
    found = (await connection.execute(sa.select(stock).where(stock.c.id == output_id))).first()
    if found is None:
        raise Invalid.field("output", f'Invalid pk "{output_id}" - object does not exist.')
    row = dict(found._mapping)
    if row["build"] != build["id"]:
        raise Invalid.field("output", "Build output does not match the parent build")
    if row["part"] != build["part"]:
        raise Invalid.field("output", "Output part does not match BuildOrder part")
    if not row["is_building"]:
        raise Invalid.field("output", "This build output has already been completed")
    if accept_incomplete is False and not await fully_allocated(connection, build, row):
        raise Invalid.field("output", "This build output is not fully allocated")
    return row


async def fully_allocated(
    connection: AsyncConnection, build: Mapping[str, Any], output: Mapping[str, Any]
) -> bool:
    """Every tracked line has, for this output, its share: the line's quantity per built unit
    times the output's quantity (InvenTree's is_output_fully_allocated)."""
    given = (
        sa.select(sa.func.coalesce(sa.func.sum(allocations.c.quantity), 0.0))
        .where(allocations.c.build_line == lines.c.id, allocations.c.install_into == output["id"])
        .scalar_subquery()
    )
    share = lines.c.quantity / float(build["quantity"]) * float(output["quantity"])
    short = (
        sa.select(lines.c.id)
        .join(bom, bom.c.id == lines.c.bom_item)
        .join(part, part.c.id == bom.c.sub_part)
        .where(
            lines.c.build == build["id"],
            part.c.trackable.is_(True),
            bom.c.consumable.is_(False),
            given < share - 1e-9,
        )
    )
    return (await connection.execute(short.limit(1))).first() is None


async def complete_outputs(call: ActionCall[BuildOutputComplete]) -> BuildOutputComplete:
    """Outputs into stock at `location`: their tracked allocations installed into them."""
    connection, build, body = call.connection, call.target, call.body
    accept = body.accept_incomplete_allocation
    outputs = await checked_outputs(connection, build, body.outputs, BuildOutput, accept)
    if not await exists(connection, locations, body.location):
        raise Invalid.field("location", f'Invalid pk "{body.location}" - object does not exist.')
    user_id = user_of(call)
    for row, _entry in outputs:
        await consume.consume_allocations(connection, build["id"], row["id"], user_id)
        await ledger.write_item(
            connection,
            row["id"],
            is_building=False,
            location=body.location,
            status=body.status_custom_key,
        )
        await ledger.add_tracking(
            connection,
            [row["id"]],
            codes.BUILD_OUTPUT_COMPLETED,
            user_id=user_id,
            notes=body.notes,
            deltas={"status": body.status_custom_key, "buildorder": build["id"]},
        )
    return body


async def scrap_outputs(call: ActionCall[BuildOutputScrap]) -> BuildOutputScrap:
    """Outputs (or part of one) rejected into `location`; their tracked allocations are taken,
    or let go with discard_allocations."""
    connection, build, body = call.connection, call.target, call.body
    if not body.notes.strip():
        raise Invalid.field("notes", "This field may not be blank.")
    outputs = await checked_outputs(connection, build, body.outputs, BuildOutputQuantity)
    if not await exists(connection, locations, body.location):
        raise Invalid.field("location", f'Invalid pk "{body.location}" - object does not exist.')
    user_id = user_of(call)
    for row, entry in outputs:
        scrapped = await ledger.split_item(
            connection, row["id"], entry.quantity, user_id=user_id, location=body.location
        )
        mine = allocations.c.install_into == scrapped
        if body.discard_allocations:
            await connection.execute(sa.delete(allocations).where(mine))
        else:
            await consume.consume_allocations(connection, build["id"], scrapped, user_id)
        await ledger.write_item(
            connection, scrapped, is_building=False, location=body.location, status=codes.REJECTED
        )
        await ledger.add_tracking(
            connection,
            [scrapped],
            codes.BUILD_OUTPUT_REJECTED,
            user_id=user_id,
            notes=body.notes,
            deltas={"location": body.location, "status": codes.REJECTED, "buildorder": build["id"]},
        )
    return body


async def delete_outputs(call: ActionCall[BuildOutputDelete]) -> BuildOutputDelete:
    """Outputs still in production deleted, with their allocations."""
    connection, build = call.connection, call.target
    outputs = await checked_outputs(connection, build, call.body.outputs, BuildOutput)
    ids = [row["id"] for row, _entry in outputs]
    await connection.execute(sa.delete(allocations).where(allocations.c.install_into.in_(ids)))
    await connection.execute(sa.delete(stock).where(stock.c.id.in_(ids)))
    return call.body
