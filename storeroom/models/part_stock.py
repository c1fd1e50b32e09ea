"""A part's stock figures, one SQL expression each (InvenTree's PartSerializer annotations, from
`part/filters.py`): stock in hand, of variants, in external locations, allocated to builds and
sales orders, on order, in production and required by open orders.

Stock is "in stock" under InvenTree's StockItem.IN_STOCK_FILTER: not being built, not consumed,
not installed in another item, not shipped or with a customer, a positive quantity and an
available status. The build tables (build_line, build_item) and sales order allocations belong to
other capabilities: a figure that reads one of them counts 0 while it is not declared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from storeroom.db.metadata import TENANT_SCHEMA, tenant_metadata
from storeroom.models.expressions import Expression, one_of, table
from storeroom.models.stock_filters import in_stock as item_in_stock

# BuildStatusGroups.ACTIVE_CODES; PurchaseOrderStatusGroups.OPEN; SalesOrderStatusGroups.OPEN.
ACTIVE_BUILD = (10, 20, 25)
OPEN_PURCHASE = (10, 20, 25)
OPEN_SALES = (10, 15, 25)

ZERO: sa.ColumnElement[Any] = sa.literal_column("0.0")


def declared(model_type: str) -> bool:
    return f"{TENANT_SCHEMA}.{model_type}" in tenant_metadata.tables


def as_float(query: sa.Select[Any]) -> sa.ColumnElement[Any]:
    return sa.cast(query.scalar_subquery(), sa.Float)


def stock_of(*where: Callable[[sa.FromClause], Any]) -> Expression:
    """The part's quantity in stock, of the items `where` also selects (0 when none)."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        item = table("stockitem").alias()
        total = sa.func.coalesce(sa.func.sum(item.c.quantity), 0.0)
        query = sa.select(total).where(
            item.c.part == owner.c.id, item_in_stock(item), *(extra(item) for extra in where)
        )
        return as_float(query)

    return expression


def at_external_location(item: sa.FromClause) -> sa.ColumnElement[bool]:
    location = table("stocklocation").alias()
    return item.c.location.in_(sa.select(location.c.id).where(location.c.external.is_(True)))


in_stock = stock_of()
external_stock = stock_of(at_external_location)


def variant_stock(owner: sa.Table) -> sa.ColumnElement[Any]:
    """Stock of the part's variants. Direct variants only: a correlated recursive query is not
    portable across SQLite and PostgreSQL's planners, see docs/api-behaviour.md."""
    item, variant = table("stockitem").alias(), table("part").alias()
    variants = sa.select(variant.c.id).where(variant.c.variant_of == owner.c.id).correlate(owner)
    total = sa.func.coalesce(sa.func.sum(item.c.quantity), 0.0)
    return as_float(sa.select(total).where(item.c.part.in_(variants), item_in_stock(item)))


def total_in_stock(owner: sa.Table) -> sa.ColumnElement[Any]:
    return in_stock(owner) + variant_stock(owner)


def allocated_to_build_orders(owner: sa.Table) -> sa.ColumnElement[Any]:
    """Stock of the part allocated to lines of active builds."""
    if not declared("build_item") or not declared("build_line"):
        return ZERO
    allocation, line = table("build_item").alias(), table("build_line").alias()
    build, item = table("build").alias(), table("stockitem").alias()
    active_lines = sa.select(line.c.id).where(
        line.c.build.in_(sa.select(build.c.id).where(one_of(build.c.status, ACTIVE_BUILD)))
    )
    items = sa.select(item.c.id).where(item.c.part == owner.c.id).correlate(owner)
    total = sa.func.coalesce(sa.func.sum(allocation.c.quantity), 0.0)
    return as_float(
        sa.select(total).where(
            allocation.c.stock_item.in_(items), allocation.c.build_line.in_(active_lines)
        )
    )


def allocated_to_sales_orders(owner: sa.Table) -> sa.ColumnElement[Any]:
    """Stock of the part allocated to open sales orders and not shipped yet."""
    if not declared("salesorderallocation"):
        return ZERO
    allocation, line = table("salesorderallocation").alias(), table("salesorderlineitem").alias()
    order, item = table("salesorder").alias(), table("stockitem").alias()
    shipment = table("salesordershipment").alias()
    open_lines = sa.select(line.c.id).where(
        line.c.order.in_(sa.select(order.c.id).where(one_of(order.c.status, OPEN_SALES)))
    )
    shipped = sa.select(shipment.c.id).where(shipment.c.shipment_date.is_not(None))
    items = sa.select(item.c.id).where(item.c.part == owner.c.id).correlate(owner)
    total = sa.func.coalesce(sa.func.sum(allocation.c.quantity), 0.0)
    return as_float(
        sa.select(total).where(
            allocation.c.item.in_(items),
            allocation.c.line.in_(open_lines),
            sa.or_(allocation.c.shipment.is_(None), allocation.c.shipment.not_in(shipped)),
        )
    )


def unallocated_stock(owner: sa.Table) -> sa.ColumnElement[Any]:
    """Total stock less what builds and sales orders have allocated (may be negative, as
    InvenTree's)."""
    return (
        total_in_stock(owner) - allocated_to_sales_orders(owner) - allocated_to_build_orders(owner)
    )


def ordering(owner: sa.Table) -> sa.ColumnElement[Any]:
    """What open purchase orders still have to receive of the part (pack size 1)."""
    line, order = table("purchaseorderlineitem").alias(), table("purchaseorder").alias()
    supplier_part = table("supplierpart").alias()
    open_orders = sa.select(order.c.id).where(one_of(order.c.status, OPEN_PURCHASE))
    bought_as = (
        sa.select(supplier_part.c.id).where(supplier_part.c.part == owner.c.id).correlate(owner)
    )
    total = sa.func.coalesce(sa.func.sum(line.c.quantity - line.c.received), 0.0)
    return as_float(
        sa.select(total).where(
            line.c.order.in_(open_orders),
            line.c.part.in_(bought_as),
            line.c.quantity > line.c.received,
        )
    )


def building(owner: sa.Table) -> sa.ColumnElement[Any]:
    """The quantity active build orders are making of the part."""
    build = table("build").alias()
    total = sa.func.coalesce(sa.func.sum(build.c.quantity), 0.0)
    return as_float(
        sa.select(total).where(build.c.part == owner.c.id, one_of(build.c.status, ACTIVE_BUILD))
    )


def required_for_build_orders(owner: sa.Table) -> sa.ColumnElement[Any]:
    """The quantity of the part the lines of active builds need."""
    if not declared("build_line"):
        return sa.literal_column("0")
    line, bom, build = table("build_line").alias(), table("bomitem").alias(), table("build").alias()
    uses = sa.select(bom.c.id).where(bom.c.sub_part == owner.c.id).correlate(owner)
    active = sa.select(build.c.id).where(one_of(build.c.status, ACTIVE_BUILD))
    total = sa.func.coalesce(sa.func.sum(line.c.quantity), 0)
    query = sa.select(total).where(line.c.bom_item.in_(uses), line.c.build.in_(active))
    return sa.cast(query.scalar_subquery(), sa.Integer)


def required_for_sales_orders(owner: sa.Table) -> sa.ColumnElement[Any]:
    """What lines of open sales orders still have to ship of the part."""
    line, order = table("salesorderlineitem").alias(), table("salesorder").alias()
    open_orders = sa.select(order.c.id).where(one_of(order.c.status, OPEN_SALES))
    total = sa.func.coalesce(sa.func.sum(line.c.quantity - line.c.shipped), 0)
    query = sa.select(total).where(line.c.part == owner.c.id, line.c.order.in_(open_orders))
    return sa.cast(query.scalar_subquery(), sa.Integer)
