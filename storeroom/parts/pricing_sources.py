"""Where a part's prices come from, each read in one query and converted to the base currency:
internal, sale and supplier price breaks, purchase and sale history, the BOM roll-up (from its
components' stored pricing) and the variants' pricing."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.currency.conversion import ARITHMETIC
from storeroom.currency.service import Rates
from storeroom.models.expressions import table

Range = tuple[Decimal | None, Decimal | None]
NONE: Range = (None, None)


def in_base(amount: Any, currency: str, rates: Rates) -> Decimal | None:
    """`amount` in the base currency; None when there is no rate for its currency."""
    if amount is None:
        return None
    value = Decimal(str(amount))
    if not currency or currency == rates.base_currency:
        return value
    rate = rates.rates.get(currency)
    if rate is None or rate == 0:
        return None
    return ARITHMETIC.divide(value, rate)


def span(values: Iterable[Decimal | None]) -> Range:
    found = [value for value in values if value is not None]
    return (min(found), max(found)) if found else NONE


async def priced(connection: AsyncConnection, query: sa.Select[Any], rates: Rates) -> Range:
    """The range of (price, currency) rows a query reads, in the base currency."""
    rows = (await connection.execute(query)).all()
    return span(in_base(row[0], row[1], rates) for row in rows)


def breaks(model_type: str, part: int) -> sa.Select[Any]:
    prices = table(model_type)
    return sa.select(prices.c.price, prices.c.price_currency).where(
        prices.c.part == part, prices.c.price.is_not(None)
    )


def supplier_breaks(part: int) -> sa.Select[Any]:
    prices, supplier_part = table("supplierpricebreak"), table("supplierpart")
    bought_as = sa.select(supplier_part.c.id).where(supplier_part.c.part == part)
    return sa.select(prices.c.price, prices.c.price_currency).where(
        prices.c.part.in_(bought_as), prices.c.price.is_not(None)
    )


def purchase_history(part: int) -> sa.Select[Any]:
    """Prices paid on purchase order lines that received some of the part."""
    line, supplier_part = table("purchaseorderlineitem"), table("supplierpart")
    bought_as = sa.select(supplier_part.c.id).where(supplier_part.c.part == part)
    return sa.select(line.c.purchase_price, line.c.purchase_price_currency).where(
        line.c.part.in_(bought_as), line.c.purchase_price.is_not(None), line.c.received > 0
    )


def sale_history(part: int) -> sa.Select[Any]:
    """Prices charged on sales order lines that shipped some of the part."""
    line = table("salesorderlineitem")
    return sa.select(line.c.sale_price, line.c.sale_price_currency).where(
        line.c.part == part, line.c.sale_price.is_not(None), line.c.shipped > 0
    )


async def bom_cost(connection: AsyncConnection, part: int) -> Range:
    """The sum over the BOM of quantity x each component's stored pricing (already in the base
    currency); a component without pricing adds nothing."""
    line, component = table("bomitem"), table("part")
    rows = (
        await connection.execute(
            sa.select(line.c.quantity, component.c.pricing_min, component.c.pricing_max)
            .join(component, component.c.id == line.c.sub_part)
            .where(line.c.part == part)
        )
    ).all()
    if not rows:
        return NONE
    low = [Decimal(str(row.quantity)) * row.pricing_min for row in rows if row.pricing_min]
    high = [Decimal(str(row.quantity)) * row.pricing_max for row in rows if row.pricing_max]
    return (sum(low, Decimal(0)) if low else None, sum(high, Decimal(0)) if high else None)


async def variant_cost(connection: AsyncConnection, part: int) -> Range:
    variant = table("part")
    rows = (
        await connection.execute(
            sa.select(variant.c.pricing_min, variant.c.pricing_max).where(
                variant.c.variant_of == part
            )
        )
    ).all()
    return (
        span(row.pricing_min for row in rows)[0],
        span(row.pricing_max for row in rows)[1],
    )
