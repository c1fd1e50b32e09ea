"""Computed figures of order lines, in SQL (InvenTree's line serializers' annotations): whether a
line is overdue, and for a sales line what is allocated to it and what of its part is available,
on order and being built."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.models.build_stock import ACTIVE_BUILD, OPEN_ORDER, available_of
from storeroom.models.expressions import Expression, one_of, table


def line_overdue(done: str) -> Expression:
    """Not yet fully `done` (received, shipped) and past its target date (InvenTree's
    OVERDUE_FILTER of the line model)."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        return sa.and_(
            owner.c[done] < owner.c.quantity,
            owner.c.target_date.is_not(None),
            owner.c.target_date < sa.func.current_date(),
        )

    return expression


def part_available(owner: sa.Table) -> sa.ColumnElement[Any]:
    """The line's part in stock, less what builds and sales orders have allocated of it."""
    return available_of(lambda item: item.c.part == owner.c.part)(owner)


def part_on_order(owner: sa.Table) -> sa.ColumnElement[Any]:
    """What open purchase orders still have to receive of the line's part."""
    line, order = table("purchaseorderlineitem").alias(), table("purchaseorder").alias()
    supplier_part = table("supplierpart").alias()
    open_orders = sa.select(order.c.id).where(one_of(order.c.status, OPEN_ORDER))
    # Correlated explicitly: nested two selects below the line's, auto-correlation would read
    # every line's part (an on_order of the parts of all lines).
    parts = (
        sa.select(supplier_part.c.id).where(supplier_part.c.part == owner.c.part).correlate(owner)
    )
    outstanding = sa.case(
        (line.c.quantity > line.c.received, line.c.quantity - line.c.received), else_=0.0
    )
    query = sa.select(sa.func.coalesce(sa.func.sum(outstanding), 0.0)).where(
        line.c.order.in_(open_orders), line.c.part.in_(parts)
    )
    return sa.cast(query.scalar_subquery(), sa.Float)


def part_building(owner: sa.Table) -> sa.ColumnElement[Any]:
    """The line's part being built by active builds (their outputs in production)."""
    item, build = table("stockitem").alias(), table("build").alias()
    active = sa.select(build.c.id).where(one_of(build.c.status, ACTIVE_BUILD))
    query = sa.select(sa.func.coalesce(sa.func.sum(item.c.quantity), 0.0)).where(
        item.c.part == owner.c.part, item.c.is_building.is_(True), item.c.build.in_(active)
    )
    return sa.cast(query.scalar_subquery(), sa.Float)
