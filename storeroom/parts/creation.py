"""Creating a part with InvenTree's create options (PartSerializer.create): `duplicate` (copy
another part's BOM and parameters), `copy_category_parameters` (the parameter templates of the
category and its parents, on by default), `initial_stock` (a stock item with its tracking
entry) and `initial_supplier` (a supplier part, and a manufacturer part when an MPN is given).

The part is created first; the options are applied in a second transaction, and a failure there
deletes the new part again, so that a refused create leaves nothing behind."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.action_bodies import read_struct
from storeroom.errors import Invalid
from storeroom.models.expressions import table
from storeroom.parts.schemas import DuplicatePart, InitialStock, InitialSupplier

OPTIONS: Mapping[str, type[msgspec.Struct]] = {
    "duplicate": DuplicatePart,
    "initial_stock": InitialStock,
    "initial_supplier": InitialSupplier,
}
# Storeroom has no way out to the internet, as InvenTree with INVENTREE_DOWNLOAD_FROM_URL off.
NO_DOWNLOADS = "Downloading images from remote URL is not enabled"
# StockHistoryCode.CREATED, StockStatus.OK.
CREATED, OK = 1, 10


def take_options(body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Remove the create options from the body: the parsed ones, and copy_category_parameters."""
    options: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, kind in OPTIONS.items():
        raw = body.pop(name, None)
        if raw is None:
            continue
        if not isinstance(raw, dict):
            errors[name] = ["Expected an object."]
            continue
        try:
            options[name] = read_struct(kind, raw)
        except Invalid as error:
            errors[name] = [
                f"{key}: {message}"
                for key, messages in error.fields.items()
                for message in messages
            ] or error.general
    if body.pop("remote_image", None) not in (None, ""):
        errors["remote_image"] = [NO_DOWNLOADS]
    existing = body.pop("existing_image", None)
    if existing not in (None, ""):
        options["existing_image"] = str(existing)
    copy_parameters = body.pop("copy_category_parameters", True)
    if not isinstance(copy_parameters, bool):
        copy_parameters = str(copy_parameters).lower() in {"true", "1", "yes", "on"}
    if errors:
        raise Invalid(errors)
    return options, copy_parameters


async def apply_options(
    connection: AsyncConnection,
    part: int,
    options: dict[str, Any],
    copy_category_parameters: bool,
    user_id: int | None,
) -> None:
    duplicate: DuplicatePart | None = options.get("duplicate")
    if duplicate is not None:
        await require(connection, "part", duplicate.part, "duplicate")
        if duplicate.copy_bom:
            await copy_rows(connection, "bomitem", duplicate.part, part)
        if duplicate.copy_parameters:
            await copy_rows(connection, "partparameter", duplicate.part, part)
        if duplicate.copy_image:
            await share_image(connection, part, source=duplicate.part)
    existing: str | None = options.get("existing_image")
    if existing is not None:
        await use_existing_image(connection, part, existing)
    if copy_category_parameters:
        await copy_category_templates(connection, part)
    stock: InitialStock | None = options.get("initial_stock")
    if stock is not None and stock.quantity > 0:
        await add_initial_stock(connection, part, stock, user_id)
    supplier: InitialSupplier | None = options.get("initial_supplier")
    if supplier is not None:
        await add_initial_supplier(connection, part, supplier)


async def share_image(connection: AsyncConnection, part: int, source: int) -> None:
    """The copy uses the source's image file (kept while any part uses it)."""
    parts, other = table("part"), table("part").alias()
    image = sa.select(other.c.image).where(other.c.id == source).scalar_subquery()
    await connection.execute(sa.update(parts).where(parts.c.id == part).values(image=image))


async def use_existing_image(connection: AsyncConnection, part: int, image: str) -> None:
    """`existing_image`: an image another part uses (its URL, as /api/part/thumbs/ lists it)."""
    parts = table("part")
    found = await connection.execute(
        sa.select(parts.c.id).where(parts.c.image == image, parts.c.id != part).limit(1)
    )
    if found.first() is None:
        raise Invalid.field("existing_image", "Image file does not exist")
    await connection.execute(sa.update(parts).where(parts.c.id == part).values(image=image))


async def require(connection: AsyncConnection, model_type: str, pk: int, field: str) -> None:
    rows = table(model_type)
    if (await connection.execute(sa.select(rows.c.id).where(rows.c.id == pk))).first() is None:
        raise Invalid.field(field, f'Invalid pk "{pk}" - object does not exist.')


async def copy_rows(connection: AsyncConnection, model_type: str, source: int, target: int) -> None:
    """Copy the rows of `model_type` pointing at part `source` (its `part` column) to `target`."""
    rows = table(model_type)
    found = (await connection.execute(sa.select(rows).where(rows.c.part == source))).mappings()
    copies = [{**row, "part": target} for row in found.all()]
    for copy in copies:
        copy.pop("id")
    if copies:
        await connection.execute(sa.insert(rows), copies)


async def copy_category_templates(connection: AsyncConnection, part: int) -> None:
    """A parameter per template of the part's category and its parents, with their defaults
    (a template the part already has a parameter for is skipped)."""
    parts, categories = table("part"), table("partcategory")
    templates, parameters = table("partcategoryparametertemplate"), table("partparameter")
    current = (
        await connection.execute(sa.select(parts.c.category).where(parts.c.id == part))
    ).scalar()
    chain: list[int] = []
    while current is not None and current not in chain:
        chain.append(current)
        current = (
            await connection.execute(
                sa.select(categories.c.parent).where(categories.c.id == current)
            )
        ).scalar()
    if not chain:
        return
    rows = await connection.execute(
        sa.select(templates.c.parameter_template, templates.c.default_value).where(
            templates.c.category.in_(chain)
        )
    )
    have = set(
        (
            await connection.execute(
                sa.select(parameters.c.template).where(parameters.c.part == part)
            )
        ).scalars()
    )
    for row in rows:
        if row.parameter_template in have:
            continue
        have.add(row.parameter_template)
        await connection.execute(
            sa.insert(parameters).values(
                part=part, template=row.parameter_template, data=row.default_value or ""
            )
        )


async def add_initial_stock(
    connection: AsyncConnection, part: int, stock: InitialStock, user_id: int | None
) -> None:
    """A stock item at the given location (else the part's default one) and its "created"
    tracking entry, as InvenTree's StockItem.save(user) writes them."""
    parts, items, tracking = table("part"), table("stockitem"), table("stockitemtracking")
    location = stock.location
    if location is not None:
        await require(connection, "stocklocation", location, "initial_stock")
    else:
        location = (
            await connection.execute(sa.select(parts.c.default_location).where(parts.c.id == part))
        ).scalar()
    now = datetime.now(UTC)
    created = await connection.execute(
        sa.insert(items).values(
            part=part, quantity=stock.quantity, location=location, status=OK, updated=now
        )
    )
    deltas = {"status": OK, "quantity": stock.quantity}
    if location is not None:
        deltas["location"] = location
    await connection.execute(
        sa.insert(tracking).values(
            item=created.inserted_primary_key[0],  # type: ignore[index]
            tracking_type=CREATED,
            date=now,
            deltas=deltas,
            user=user_id,
        )
    )


async def add_initial_supplier(
    connection: AsyncConnection, part: int, supplier: InitialSupplier
) -> None:
    manufacturer_part = None
    if supplier.manufacturer is not None and supplier.mpn:
        await require(connection, "company", supplier.manufacturer, "initial_supplier")
        made = await connection.execute(
            sa.insert(table("manufacturerpart")).values(
                part=part, manufacturer=supplier.manufacturer, MPN=supplier.mpn
            )
        )
        manufacturer_part = made.inserted_primary_key[0]  # type: ignore[index]
    if supplier.supplier is not None and supplier.sku:
        await require(connection, "company", supplier.supplier, "initial_supplier")
        await connection.execute(
            sa.insert(table("supplierpart")).values(
                part=part,
                supplier=supplier.supplier,
                SKU=supplier.sku,
                manufacturer_part=manufacturer_part,
                updated=datetime.now(UTC),
            )
        )
