"""What a build line can draw on, computed in SQL for the line's component part: stock that is
available, in production, on order, or in external locations (InvenTree's BuildLine annotations).

Stock is available when InvenTree's StockItem.IN_STOCK_FILTER holds (not building, not consumed,
not installed, not shipped, not with a customer, quantity above zero), its status is one of
StockStatusGroups.AVAILABLE_CODES and its location is not external; what builds have already
allocated of it is taken off.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from storeroom.models.expressions import Expression, one_of, table
from storeroom.models.stock_filters import in_stock

# BuildStatusGroups.ACTIVE_CODES and PurchaseOrderStatusGroups.OPEN.
ACTIVE_BUILD = (10, 20, 25)
OPEN_ORDER = (10, 20, 25)

PartOf = Callable[[sa.Table], sa.ColumnElement[Any]]


def component_of_line(line: sa.Table) -> sa.ColumnElement[Any]:
    """The component part a build line needs: its BOM item's sub_part."""
    bom = table("bomitem").alias()
    # Correlated explicitly: it is nested two selects below the line's (auto-correlation only
    # looks one level up, and would read every line).
    query = sa.select(bom.c.sub_part).where(bom.c.id == line.c.bom_item).correlate(line)
    return query.scalar_subquery()


def at_external_location(item: sa.FromClause, external: bool) -> sa.ColumnElement[bool]:
    location = table("stocklocation").alias()
    flagged = sa.select(location.c.id).where(location.c.external.is_(True))
    inside = item.c.location.in_(flagged)
    if external:
        return inside
    return sa.or_(item.c.location.is_(None), sa.not_(inside))


def allocated_from(item: sa.FromClause) -> sa.ColumnElement[Any]:
    """How much of a stock item builds and sales orders have allocated (InvenTree's
    StockItem.allocation_count)."""
    build, sale = table("build_item").alias(), table("salesorderallocation").alias()
    to_builds = sa.select(sa.func.coalesce(sa.func.sum(build.c.quantity), 0.0)).where(
        build.c.stock_item == item.c.id
    )
    to_sales = sa.select(sa.func.coalesce(sa.func.sum(sale.c.quantity), 0.0)).where(
        sale.c.item == item.c.id
    )
    return to_builds.scalar_subquery() + to_sales.scalar_subquery()


def available_of(parts: Callable[[sa.FromClause], sa.ColumnElement[bool]]) -> Expression:
    """Available stock of the parts `parts(item)` selects, less what builds and sales orders
    allocated of it: three aggregates over the component's items (not a subquery per item)."""

    def held(item: sa.FromClause) -> sa.ColumnElement[bool]:
        return sa.and_(parts(item), in_stock(item), at_external_location(item, external=False))

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        item = table("stockitem").alias()
        total = sa.select(sa.func.coalesce(sa.func.sum(item.c.quantity), 0.0)).where(held(item))
        taken = [total.scalar_subquery()]
        for name, column in (("build_item", "stock_item"), ("salesorderallocation", "item")):
            allocation, allocated_item = table(name).alias(), table("stockitem").alias()
            joined = allocation.join(allocated_item, allocated_item.c.id == allocation.c[column])
            query = sa.select(sa.func.coalesce(sa.func.sum(allocation.c.quantity), 0.0))
            taken.append(query.select_from(joined).where(held(allocated_item)).scalar_subquery())
        return sa.cast(taken[0] - taken[1] - taken[2], sa.Float)

    return expression


def line_component(owner: sa.Table) -> Callable[[sa.FromClause], sa.ColumnElement[bool]]:
    return lambda item: item.c.part == component_of_line(owner)


def available_stock(owner: sa.Table) -> sa.ColumnElement[Any]:
    return available_of(line_component(owner))(owner)


def available_variant_stock(owner: sa.Table) -> sa.ColumnElement[Any]:
    """Stock of the component's direct variants, when the BOM item allows variants."""
    bom, variant = table("bomitem").alias(), table("part").alias()
    allowed = sa.select(bom.c.allow_variants).where(bom.c.id == owner.c.bom_item)
    variants = sa.select(variant.c.id).where(variant.c.variant_of == component_of_line(owner))
    stock = available_of(lambda item: item.c.part.in_(variants))(owner)
    return sa.case((allowed.scalar_subquery().is_(True), stock), else_=0.0)


def available_substitute_stock(owner: sa.Table) -> sa.ColumnElement[Any]:
    """Stock of the BOM item's substitute parts."""
    substitute = table("bomitemsubstitute").alias()
    # Correlated explicitly, as component_of_line.
    parts = (
        sa.select(substitute.c.part)
        .where(substitute.c.bom_item == owner.c.bom_item)
        .correlate(owner)
    )
    return available_of(lambda item: item.c.part.in_(parts))(owner)


def total_available_stock(owner: sa.Table) -> sa.ColumnElement[Any]:
    return (
        available_stock(owner) + available_substitute_stock(owner) + available_variant_stock(owner)
    )


def external_stock(owner: sa.Table) -> sa.ColumnElement[Any]:
    item = table("stockitem").alias()
    query = sa.select(sa.func.coalesce(sa.func.sum(item.c.quantity), 0.0)).where(
        item.c.part == component_of_line(owner),
        in_stock(item),
        at_external_location(item, external=True),
    )
    return sa.cast(query.scalar_subquery(), sa.Float)


def in_production(owner: sa.Table) -> sa.ColumnElement[Any]:
    """The component's outputs being built by active builds."""
    item, build = table("stockitem").alias(), table("build").alias()
    active = sa.select(build.c.id).where(one_of(build.c.status, ACTIVE_BUILD))
    query = sa.select(sa.func.coalesce(sa.func.sum(item.c.quantity), 0.0)).where(
        item.c.part == component_of_line(owner),
        item.c.is_building.is_(True),
        item.c.build.in_(active),
    )
    return sa.cast(query.scalar_subquery(), sa.Float)


def on_order(owner: sa.Table) -> sa.ColumnElement[Any]:
    """What open purchase orders still have to receive of the component."""
    line, order = table("purchaseorderlineitem").alias(), table("purchaseorder").alias()
    supplier_part = table("supplierpart").alias()
    open_orders = sa.select(order.c.id).where(one_of(order.c.status, OPEN_ORDER))
    parts = sa.select(supplier_part.c.id).where(supplier_part.c.part == component_of_line(owner))
    outstanding = sa.case(
        (line.c.quantity > line.c.received, line.c.quantity - line.c.received), else_=0.0
    )
    query = sa.select(sa.func.coalesce(sa.func.sum(outstanding), 0.0)).where(
        line.c.order.in_(open_orders), line.c.part.in_(parts)
    )
    return sa.cast(query.scalar_subquery(), sa.Float)
