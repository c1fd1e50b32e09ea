"""A BOM line's stock figures, one SQL expression each (InvenTree's BomItemSerializer
annotations): what is available of its component, of the component's variants (when the line
allows them) and of its substitutes, each less what builds and sales orders allocated; what is
on order, in production and at external locations; and how many assemblies that stock can make.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.models import part_stock as stock
from storeroom.models.expressions import one_of, table


def of_component(figure: Any) -> Any:
    """A part figure of the line's component (`figure(part)` read for `sub_part`)."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        part = table("part").alias()
        value = sa.select(figure(part)).where(part.c.id == owner.c.sub_part)
        return sa.func.coalesce(value.scalar_subquery(), 0.0)

    return expression


def free(part: Any) -> sa.ColumnElement[Any]:
    """A part's own stock less its allocations, never below 0."""
    left = (
        stock.in_stock(part)
        - stock.allocated_to_build_orders(part)
        - stock.allocated_to_sales_orders(part)
    )
    return sa.case((left > 0, left), else_=0.0)


def free_of(parts: sa.Select[Any]) -> sa.ColumnElement[Any]:
    """The sum of `free` over the parts `parts` selects."""
    part = table("part").alias()
    total = sa.func.coalesce(sa.func.sum(free(part)), 0.0)
    return sa.cast(sa.select(total).where(part.c.id.in_(parts)).scalar_subquery(), sa.Float)


available_stock = of_component(free)
on_order = of_component(stock.ordering)
external_stock = of_component(stock.external_stock)


def building(owner: sa.Table) -> sa.ColumnElement[Any]:
    """The component's outputs in production by active builds."""
    item, build = table("stockitem").alias(), table("build").alias()
    active = sa.select(build.c.id).where(one_of(build.c.status, stock.ACTIVE_BUILD))
    total = sa.func.coalesce(sa.func.sum(item.c.quantity), 0.0)
    query = sa.select(total).where(
        item.c.part == owner.c.sub_part, item.c.is_building.is_(True), item.c.build.in_(active)
    )
    return sa.cast(query.scalar_subquery(), sa.Float)


def available_variant_stock(owner: sa.Table) -> sa.ColumnElement[Any]:
    """Free stock of the component's direct variants, when the line allows variants."""
    variant = table("part").alias()
    variants = (
        sa.select(variant.c.id).where(variant.c.variant_of == owner.c.sub_part).correlate(owner)
    )
    return sa.case((owner.c.allow_variants.is_(True), free_of(variants)), else_=0.0)


def available_substitute_stock(owner: sa.Table) -> sa.ColumnElement[Any]:
    """Free stock of the line's substitute parts."""
    substitute = table("bomitemsubstitute").alias()
    chosen = sa.select(substitute.c.part).where(substitute.c.bom_item == owner.c.id)
    return free_of(chosen.correlate(owner))


def can_build(owner: sa.Table) -> sa.ColumnElement[Any]:
    """How many assemblies the line's available stock (with variants and substitutes) makes."""
    total = (
        available_stock(owner) + available_variant_stock(owner) + available_substitute_stock(owner)
    )
    return sa.case((owner.c.quantity > 0, total / owner.c.quantity), else_=0.0)
