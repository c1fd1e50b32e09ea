"""Bills of materials (`/api/bom/`): which component parts, and how many, make an assembly."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field, parse_bool, parse_int
from storeroom.api.resource import Filter
from storeroom.models import bom_stock as stock
from storeroom.models.declare import model
from storeroom.models.defaults import one
from storeroom.models.expressions import table
from storeroom.models.filters import condition, through
from storeroom.models.part_filters import parse_amount_flag
from storeroom.models.part_pricing import PricingInput


def computed(name: str, kind: str, expression: Any, **options: Any) -> Field:
    return Field(name, kind, read_only=True, stored=False, expression=expression, **options)


def component_price(column: str, per_line: bool) -> Any:
    """The component's pricing_min/max (times the line's quantity for the `_total` ones)."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        part = table("part").alias()
        price = sa.select(part.c[column]).where(part.c.id == owner.c.sub_part).scalar_subquery()
        return price * sa.cast(owner.c.quantity, sa.Numeric(15, 5)) if per_line else price

    return expression


def pricing_updated(owner: sa.Table) -> sa.ColumnElement[Any]:
    part = table("part").alias()
    return sa.select(part.c.pricing_updated).where(part.c.id == owner.c.sub_part).scalar_subquery()


def amount_flag(name: str, holds: Any) -> Filter:
    """`?name=true` keeps the lines where `holds`; a number is read as "more than zero", as the
    field of the same name holds one."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        built: sa.ColumnElement[bool] = holds(table("bomitem"))
        return built if value else sa.not_(built)

    return Filter(name, parse_amount_flag, clause)


def uses(value: Any) -> sa.ColumnElement[bool]:
    """`?uses=N`: the lines whose component, or one of whose substitutes, is part N."""
    line, substitute = table("bomitem"), table("bomitemsubstitute").alias()
    substituted = sa.select(substitute.c.bom_item).where(substitute.c.part == value)
    return sa.or_(line.c.sub_part == value, line.c.id.in_(substituted))


def has_pricing(line: sa.Table) -> sa.ColumnElement[bool]:
    part = table("part").alias()
    priced = sa.select(part.c.id).where(
        sa.or_(part.c.pricing_min.is_not(None), part.c.pricing_max.is_not(None))
    )
    return line.c.sub_part.in_(priced)


def any_available(line: sa.Table) -> sa.ColumnElement[bool]:
    total: sa.ColumnElement[Any] = (
        stock.available_stock(line)
        + stock.available_variant_stock(line)
        + stock.available_substitute_stock(line)
    )
    return total > 0


# A BOM line feeds its assembly's BOM cost.
BOM_LINES = PricingInput("bomitem", "part")
BOM_ITEM = model(
    "bomitem",
    "/api/bom/",
    app_label="part",
    verbose_name="BOM Item",
    ruleset="part",
    # InvenTree serves a bulk DELETE on this list too.
    inventree_bulk_delete=True,
    fields=(
        # A BOM item goes with its assembly and with its component (InvenTree's CASCADE on both).
        Field("part", "fk", required=True, relation="part", on_delete="cascade"),
        Field("sub_part", "fk", required=True, relation="part", on_delete="cascade"),
        Field("reference", "str", max_length=5000, default=""),
        Field("quantity", "float", required=True),
        Field("overage", "str", max_length=24, default=""),
        Field("allow_variants", "bool", default=False),
        Field("inherited", "bool", default=False),
        Field("optional", "bool", default=False),
        Field("consumable", "bool", default=False),
        Field("note", "str", max_length=500, default=""),
        Field("validated", "bool", default=False),
        computed("available_stock", "float", stock.available_stock),
        computed("available_substitute_stock", "float", stock.available_substitute_stock),
        computed("available_variant_stock", "float", stock.available_variant_stock),
        computed("external_stock", "float", stock.external_stock),
        computed("on_order", "float", stock.on_order),
        computed("building", "float", stock.building),
        computed("can_build", "float", stock.can_build),
        computed("pricing_min", "decimal", component_price("pricing_min", False), nullable=True),
        computed("pricing_max", "decimal", component_price("pricing_max", False), nullable=True),
        computed(
            "pricing_min_total", "decimal", component_price("pricing_min", True), nullable=True
        ),
        computed(
            "pricing_max_total", "decimal", component_price("pricing_max", True), nullable=True
        ),
        computed("pricing_updated", "datetime", pricing_updated, nullable=True),
    ),
    filters=(
        "part",
        "allow_variants",
        "inherited",
        "optional",
        "consumable",
        "validated",
        through("part_active", "bomitem", "part", "part", "active", parse_bool),
        through("part_testable", "bomitem", "part", "part", "testable", parse_bool),
        through("part_trackable", "bomitem", "part", "part", "trackable", parse_bool),
        through("sub_part_assembly", "bomitem", "sub_part", "part", "assembly", parse_bool),
        through("sub_part_testable", "bomitem", "sub_part", "part", "testable", parse_bool),
        through("sub_part_trackable", "bomitem", "sub_part", "part", "trackable", parse_bool),
        Filter("uses", parse_int, uses),
        condition("has_pricing", "bomitem", has_pricing),
        amount_flag("available_stock", any_available),
        amount_flag("on_order", lambda line: stock.on_order(line) > 0),
    ),
    ordering=(
        "quantity",
        "sub_part",
        "reference",
        "allow_variants",
        "inherited",
        "optional",
        "consumable",
        "validated",
        "can_build",
        "available_stock",
        "on_order",
        "pricing_min",
        "pricing_max",
    ),
    search=("reference", "note"),
    create_defaults={"quantity": one},
    after_write=BOM_LINES.after_write,
    before_delete=BOM_LINES.before_delete,
)

BOM_ITEM_SUBSTITUTE = model(
    "bomitemsubstitute",
    "/api/bom/substitute/",
    app_label="part",
    verbose_name="BOM Item Substitute",
    ruleset="part",
    fields=(
        # A substitute goes with its BOM line and with its part (InvenTree's CASCADE).
        Field("bom_item", "fk", required=True, relation="bomitem", on_delete="cascade"),
        Field("part", "fk", required=True, relation="part", on_delete="cascade"),
    ),
    # A part substitutes a BOM line once.
    unique=(("part", "bom_item"),),
    filters=("bom_item", "part"),
    ordering=("part", "bom_item"),
)

RESOURCES = (BOM_ITEM,)
# Appended after the models declared before them (a model's position is its content type).
LATER_RESOURCES = (BOM_ITEM_SUBSTITUTE,)
