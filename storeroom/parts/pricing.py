"""A part's pricing (InvenTree's PartPricing): the range of each source in the base currency,
the overall range (an override wins), and the recalculation that keeps a part's
pricing_min/max/updated, which part lists and BOM roll-ups read.

overall_min/max take the lowest/highest of the BOM, purchase, internal, supplier and variant
ranges, as InvenTree's default settings do; sale prices are shown but not part of it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.currency.service import Rates, currency_config, read_rates
from storeroom.errors import NotFound
from storeroom.models.part import PART
from storeroom.parts import pricing_sources as sources
from storeroom.parts.tables import part_pricing_table as overrides
from storeroom.settings import Settings

parts = PART.table
PLACES = Decimal("0.00001")
# The sources overall_min/max are drawn from.
OVERALL = ("bom_cost", "purchase_cost", "internal_cost", "supplier_price", "variant_cost")


def shown(value: Decimal | None) -> str | None:
    return None if value is None else format(value.quantize(PLACES), "f")


async def rates_for(connection: AsyncConnection, settings: Settings) -> Rates:
    return await read_rates(connection, currency_config(settings))


async def ranges(connection: AsyncConnection, part: int, rates: Rates) -> dict[str, Any]:
    """Every source's (min, max), by InvenTree's field prefix."""
    return {
        "internal_cost": await sources.priced(
            connection, sources.breaks("partinternalpricebreak", part), rates
        ),
        "sale_price": await sources.priced(
            connection, sources.breaks("partsellpricebreak", part), rates
        ),
        "supplier_price": await sources.priced(connection, sources.supplier_breaks(part), rates),
        "purchase_cost": await sources.priced(connection, sources.purchase_history(part), rates),
        "sale_history": await sources.priced(connection, sources.sale_history(part), rates),
        "bom_cost": await sources.bom_cost(connection, part),
        "variant_cost": await sources.variant_cost(connection, part),
    }


def lowest(values: Iterable[Decimal | None]) -> Decimal | None:
    return sources.span(values)[0]


def highest(values: Iterable[Decimal | None]) -> Decimal | None:
    return sources.span(values)[1]


async def override_of(connection: AsyncConnection, part: int) -> dict[str, Any]:
    row = (await connection.execute(sa.select(overrides).where(overrides.c.part == part))).first()
    if row is None:
        return {"override_min": None, "override_max": None, "min_currency": "", "max_currency": ""}
    return {
        "override_min": row.override_min,
        "override_max": row.override_max,
        "min_currency": row.override_min_currency,
        "max_currency": row.override_max_currency,
    }


async def pricing(
    connection: AsyncConnection, settings: Settings, part: int, rates: Rates | None = None
) -> dict[str, Any]:
    """The part's pricing answer, computed now (with `rates` when the caller read them)."""
    found = (
        await connection.execute(sa.select(parts.c.pricing_updated).where(parts.c.id == part))
    ).first()
    if found is None:
        raise NotFound()
    rates = rates or await rates_for(connection, settings)
    figures = await ranges(connection, part, rates)
    override = await override_of(connection, part)
    low = sources.in_base(override["override_min"], override["min_currency"], rates)
    high = sources.in_base(override["override_max"], override["max_currency"], rates)
    overall_min = low if low is not None else lowest(figures[name][0] for name in OVERALL)
    overall_max = high if high is not None else highest(figures[name][1] for name in OVERALL)
    answer: dict[str, Any] = {
        "currency": rates.base_currency,
        "updated": found.pricing_updated,
        "scheduled_for_update": False,
    }
    for name, (minimum, maximum) in figures.items():
        answer[f"{name}_min"], answer[f"{name}_max"] = shown(minimum), shown(maximum)
    answer.update(
        override_min=shown(override["override_min"]),
        override_min_currency=override["min_currency"] or rates.base_currency,
        override_max=shown(override["override_max"]),
        override_max_currency=override["max_currency"] or rates.base_currency,
        overall_min=shown(overall_min),
        overall_max=shown(overall_max),
    )
    return answer


async def store(connection: AsyncConnection, part: int, answer: dict[str, Any]) -> datetime:
    """Keep the overall range on the part (read by part lists and by assemblies' BOM costs)."""
    low, high = answer["overall_min"], answer["overall_max"]
    moment = datetime.now(UTC)
    await connection.execute(
        sa.update(parts)
        .where(parts.c.id == part)
        .values(
            pricing_min=None if low is None else Decimal(low),
            pricing_max=None if high is None else Decimal(high),
            pricing_updated=moment,
        )
    )
    return moment


async def recalculate(
    connection: AsyncConnection, settings: Settings, part: int, rates: Rates | None = None
) -> Any:
    answer = await pricing(connection, settings, part, rates)
    answer["updated"] = await store(connection, part, answer)
    return answer


async def write_overrides(connection: AsyncConnection, part: int, values: dict[str, Any]) -> None:
    """Insert or update the part's override row with the given values."""
    if not values:
        return
    existing = (
        await connection.execute(sa.select(overrides.c.id).where(overrides.c.part == part))
    ).first()
    if existing is None:
        await connection.execute(sa.insert(overrides).values(part=part, **values))
    else:
        await connection.execute(
            sa.update(overrides).where(overrides.c.id == existing.id).values(**values)
        )
