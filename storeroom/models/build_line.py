"""Build lines (`/api/build/line/`: what a build needs of each BOM item) and build items
(`/api/build/item/`: stock allocated to a line, InvenTree's BuildItem).

A build's lines are made from its assembly's BOM when the build is created (`make_lines`). An
allocation is written through `/api/build/{id}/allocate/` or posted here.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.fields import Field, parse_bool, parse_int
from storeroom.api.resource import Filter
from storeroom.models import build_stock as stock
from storeroom.models.declare import model
from storeroom.models.expressions import related_value, table, total_of
from storeroom.models.filters import condition, through

BOM = ("bom_item", "bomitem")
COMPONENT = ("sub_part", "part")

allocated = total_of("build_item", "build_line", "quantity")


def computed(name: str, kind: str, expression: Any, **options: Any) -> Field:
    return Field(name, kind, read_only=True, stored=False, expression=expression, **options)


def from_bom(name: str, kind: str) -> Field:
    return computed(name, kind, related_value(name, BOM))


def from_component(name: str, kind: str, field: str, **options: Any) -> Field:
    return computed(name, kind, related_value(field, BOM, COMPONENT), **options)


def fully_allocated(line: sa.Table) -> sa.ColumnElement[bool]:
    return allocated(line) >= line.c.quantity


def enough_available(line: sa.Table) -> sa.ColumnElement[bool]:
    """InvenTree's `available` filter: allocated plus what can still be drawn covers the line."""
    drawable = allocated(line) + stock.total_available_stock(line)
    return line.c.quantity <= drawable


def through_bom(name: str, field: str) -> Filter:
    return through(name, "build_line", "bom_item", "bomitem", field, parse_bool)


def through_component(name: str, field: str) -> Filter:
    def clause(value: Any) -> sa.ColumnElement[bool]:
        line, bom, part = table("build_line"), table("bomitem").alias(), table("part").alias()
        matching = sa.select(bom.c.id).join(part, part.c.id == bom.c.sub_part)
        return line.c.bom_item.in_(matching.where(part.c[field] == value))

    return Filter(name, parse_bool, clause)


def component_is(value: Any) -> sa.ColumnElement[bool]:
    line, bom = table("build_line"), table("bomitem").alias()
    return line.c.bom_item.in_(sa.select(bom.c.id).where(bom.c.sub_part == value))


BUILD_LINE = model(
    "build_line",
    "/api/build/line/",
    app_label="build",
    verbose_name="Build Order Line Item",
    ruleset="build",
    fields=(
        # A build's lines go with it, and with their BOM item (InvenTree's CASCADE). InvenTree's
        # serializer makes both read-only, so its POST can make no line; storeroom's takes them
        # (docs/api-behaviour.md, "Build orders").
        Field("build", "fk", required=True, relation="build", on_delete="cascade"),
        Field("bom_item", "fk", required=True, relation="bomitem", on_delete="cascade"),
        Field("quantity", "float", required=True),
        from_bom("reference", "str"),
        from_bom("consumable", "bool"),
        from_bom("optional", "bool"),
        from_component("testable", "bool", "testable"),
        from_component("trackable", "bool", "trackable"),
        from_bom("inherited", "bool"),
        from_bom("allow_variants", "bool"),
        computed("part", "int", stock.component_of_line),
        from_component("part_name", "str", "name"),
        from_component("part_IPN", "str", "IPN"),
        from_component("part_category_id", "int", "category"),
        computed("allocated", "float", allocated),
        computed("in_production", "float", stock.in_production),
        computed("on_order", "float", stock.on_order),
        computed("available_stock", "float", stock.available_stock),
        computed("available_substitute_stock", "float", stock.available_substitute_stock),
        computed("available_variant_stock", "float", stock.available_variant_stock),
        computed("total_available_stock", "float", stock.total_available_stock),
        computed("external_stock", "float", stock.external_stock),
    ),
    filters=(
        "build",
        "bom_item",
        through_bom("consumable", "consumable"),
        through_bom("optional", "optional"),
        through_component("assembly", "assembly"),
        through_component("tracked", "trackable"),
        through_component("testable", "testable"),
        condition("allocated", "build_line", fully_allocated),
        condition("available", "build_line", enough_available),
        Filter("part", parse_int, component_is),
    ),
    ordering=("quantity", "allocated", "available_stock", "on_order"),
    default_ordering=("pk",),
    search=("reference", "part_name", "part_IPN"),
    # The create, list and detail are builds/detail_routes.py's: they add the nested objects.
    served_by_capability=frozenset({"create", "list", "detail"}),
)


def build_of_allocation(owner: sa.Table) -> sa.ColumnElement[Any]:
    return related_value("build", ("build_line", "build_line"))(owner)


def allocation_of_build(value: Any) -> sa.ColumnElement[bool]:
    item, line = table("build_item"), table("build_line").alias()
    return item.c.build_line.in_(sa.select(line.c.id).where(line.c.build == value))


BUILD_ITEM = model(
    "build_item",
    "/api/build/item/",
    app_label="build",
    verbose_name="Build Item",
    ruleset="build",
    inventree_bulk_delete=True,
    fields=(
        computed("build", "int", build_of_allocation),
        # An allocation goes with its line, its stock item and the output it is for (CASCADE).
        Field(
            "build_line",
            "fk",
            required=True,
            nullable=True,
            relation="build_line",
            on_delete="cascade",
        ),
        Field("install_into", "fk", nullable=True, relation="stockitem", on_delete="cascade"),
        Field("stock_item", "fk", required=True, relation="stockitem", on_delete="cascade"),
        Field("quantity", "float", required=True),
        computed("location", "int", related_value("location", ("stock_item", "stockitem"))),
        computed(
            "bom_reference",
            "str",
            related_value("reference", ("build_line", "build_line"), BOM),
        ),
        computed(
            "item_serial_number",
            "str",
            related_value("serial", ("stock_item", "stockitem")),
        ),
    ),
    filters=(
        "build_line",
        "stock_item",
        "install_into",
        Filter("build", parse_int, allocation_of_build),
        through("part", "build_item", "stock_item", "stockitem", "part", parse_int),
        condition("tracked", "build_item", lambda item: item.c.install_into.is_not(None)),
    ),
    ordering=("quantity",),
    default_ordering=("pk",),
    # The create, list and detail are builds/detail_routes.py's: they add the nested objects.
    served_by_capability=frozenset({"create", "list", "detail"}),
)

RESOURCES = (BUILD_LINE, BUILD_ITEM)


def required_quantity(per_unit: float, overage: str, build_quantity: float) -> float:
    """InvenTree's BomItem.get_required_quantity: the BOM quantity times the build's, plus the
    overage (a number of units, or a percentage of that product); an unreadable overage adds
    nothing."""
    base = per_unit * build_quantity
    text = (overage or "").strip()
    try:
        extra = base * float(text[:-1]) / 100 if text.endswith("%") else float(text or 0)
    except ValueError:
        extra = 0.0
    return base + max(extra, 0.0)


async def assembly_and_templates(connection: AsyncConnection, part_id: int) -> list[int]:
    """The part, then each template it is a variant of (nearest first)."""
    part = table("part")
    found = [part_id]
    while True:
        query = sa.select(part.c.variant_of).where(part.c.id == found[-1])
        parent = (await connection.execute(query)).scalar_one_or_none()
        if parent is None or parent in found:
            return found
        found.append(parent)


async def write_lines(connection: AsyncConnection, build_id: int) -> None:
    """After a build is written: a new build gets its lines (`make_lines`), a build that has
    lines gets their quantities worked out again for its quantity (InvenTree's
    Build.update_build_line_items, run on every save of a build)."""
    line = BUILD_LINE.table
    existing = sa.select(line.c.id).where(line.c.build == build_id).limit(1)
    if (await connection.execute(existing)).first() is None:
        await make_lines(connection, build_id)
    else:
        await rescale_lines(connection, build_id)


async def rescale_lines(connection: AsyncConnection, build_id: int) -> None:
    """Each line's quantity, from its BOM item and the build's quantity; lines are neither
    added nor removed (a BOM changed since keeps the lines the build was made with)."""
    build, line, bom = table("build"), BUILD_LINE.table, table("bomitem")
    quantity = sa.select(build.c.quantity).where(build.c.id == build_id).scalar_subquery()
    query = (
        sa.select(line.c.id, bom.c.quantity, bom.c.overage, quantity)
        .join(bom, bom.c.id == line.c.bom_item)
        .where(line.c.build == build_id)
    )
    rows = [
        {"line_id": pk, "required": required_quantity(per_unit, overage, total)}
        for pk, per_unit, overage, total in await connection.execute(query)
    ]
    if rows:
        statement = (
            sa.update(line)
            .where(line.c.id == sa.bindparam("line_id"))
            .values(quantity=sa.bindparam("required"))
        )
        await connection.execute(statement, rows)


async def make_lines(connection: AsyncConnection, build_id: int) -> None:
    """A new build gets one line per BOM item of its assembly, and per inherited BOM item of the
    templates it is a variant of (InvenTree's Build.create_build_line_items)."""
    build, line, bom = table("build"), BUILD_LINE.table, table("bomitem")
    found = await connection.execute(
        sa.select(build.c.part, build.c.quantity).where(build.c.id == build_id)
    )
    part_id, quantity = found.one()
    parts = await assembly_and_templates(connection, part_id)
    own = bom.c.part == part_id
    inherited = sa.and_(bom.c.part.in_(parts[1:]), bom.c.inherited.is_(True))
    query = sa.select(bom.c.id, bom.c.quantity, bom.c.overage).where(sa.or_(own, inherited))
    rows = [
        {
            "build": build_id,
            "bom_item": item.id,
            "quantity": required_quantity(item.quantity, item.overage, quantity),
        }
        for item in await connection.execute(query.order_by(bom.c.id))
    ]
    if rows:
        await connection.execute(sa.insert(line), rows)
