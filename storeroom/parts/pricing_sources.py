"""Where parts' prices come from, each source read for many parts in one query and converted to
the base currency: internal, sale and supplier price breaks, purchase and sale history, the BOM
roll-up (from the components' stored pricing) and the variants' pricing. Each answers a range
per part; a part without rows of a source has none."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.currency.conversion import ARITHMETIC
from storeroom.currency.service import Rates
from storeroom.models.expressions import table

Range = tuple[Decimal | None, Decimal | None]
NONE: Range = (None, None)
Ranges = dict[int, Range]


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


async def priced(connection: AsyncConnection, query: sa.Select[Any], rates: Rates) -> Ranges:
    """The range of the (part, price, currency) rows a query reads, per part, in the base
    currency."""
    prices: dict[int, list[Decimal | None]] = defaultdict(list)
    for part, price, currency in await connection.execute(query):
        prices[part].append(in_base(price, currency, rates))
    return {part: span(values) for part, values in prices.items()}


def breaks(model_type: str, parts: Sequence[int]) -> sa.Select[Any]:
    prices = table(model_type)
    return sa.select(prices.c.part, prices.c.price, prices.c.price_currency).where(
        prices.c.part.in_(parts), prices.c.price.is_not(None)
    )


def supplier_breaks(parts: Sequence[int]) -> sa.Select[Any]:
    prices, supplier_part = table("supplierpricebreak"), table("supplierpart")
    return (
        sa.select(supplier_part.c.part, prices.c.price, prices.c.price_currency)
        .join(supplier_part, supplier_part.c.id == prices.c.part)
        .where(supplier_part.c.part.in_(parts), prices.c.price.is_not(None))
    )


def purchase_history(parts: Sequence[int]) -> sa.Select[Any]:
    """Prices paid on purchase order lines that received some of the part."""
    line, supplier_part = table("purchaseorderlineitem"), table("supplierpart")
    return (
        sa.select(supplier_part.c.part, line.c.purchase_price, line.c.purchase_price_currency)
        .join(supplier_part, supplier_part.c.id == line.c.part)
        .where(
            supplier_part.c.part.in_(parts),
            line.c.purchase_price.is_not(None),
            line.c.received > 0,
        )
    )


def sale_history(parts: Sequence[int]) -> sa.Select[Any]:
    """Prices charged on sales order lines that shipped some of the part."""
    line = table("salesorderlineitem")
    return sa.select(line.c.part, line.c.sale_price, line.c.sale_price_currency).where(
        line.c.part.in_(parts), line.c.sale_price.is_not(None), line.c.shipped > 0
    )


async def bom_cost(connection: AsyncConnection, parts: Sequence[int]) -> Ranges:
    """The sum over each part's BOM of quantity x each component's stored pricing (already in
    the base currency); a component without pricing adds nothing."""
    line, component = table("bomitem"), table("part")
    query = (
        sa.select(line.c.part, line.c.quantity, component.c.pricing_min, component.c.pricing_max)
        .join(component, component.c.id == line.c.sub_part)
        .where(line.c.part.in_(parts))
    )
    low: dict[int, list[Decimal]] = defaultdict(list)
    high: dict[int, list[Decimal]] = defaultdict(list)
    for part, quantity, pricing_min, pricing_max in await connection.execute(query):
        low[part] += [Decimal(str(quantity)) * pricing_min] if pricing_min else []
        high[part] += [Decimal(str(quantity)) * pricing_max] if pricing_max else []
    return {
        part: (
            sum(low[part], Decimal(0)) if low[part] else None,
            sum(high[part], Decimal(0)) if high[part] else None,
        )
        for part in set(low) | set(high)
    }


async def variant_cost(connection: AsyncConnection, parts: Sequence[int]) -> Ranges:
    variant = table("part")
    query = sa.select(variant.c.variant_of, variant.c.pricing_min, variant.c.pricing_max).where(
        variant.c.variant_of.in_(parts)
    )
    lows: dict[int, list[Decimal | None]] = defaultdict(list)
    highs: dict[int, list[Decimal | None]] = defaultdict(list)
    for template, pricing_min, pricing_max in await connection.execute(query):
        lows[template].append(pricing_min)
        highs[template].append(pricing_max)
    return {template: (span(lows[template])[0], span(highs[template])[1]) for template in lows}
