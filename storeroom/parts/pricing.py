"""A part's pricing (InvenTree's PartPricing): the range of each source in the base currency,
the overall range (an override wins), and the recalculation that keeps a part's
pricing_min/max/updated, which part lists and BOM roll-ups read.

overall_min/max take the lowest/highest of the BOM, purchase, internal, supplier and variant
ranges, as InvenTree's default settings do; sale prices are shown but not part of it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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

parts_table = PART.table
PLACES = Decimal("0.00001")
# The sources overall_min/max are drawn from.
OVERALL = ("bom_cost", "purchase_cost", "internal_cost", "supplier_price", "variant_cost")


def shown(value: Decimal | None) -> str | None:
    return None if value is None else format(value.quantize(PLACES), "f")


async def rates_for(connection: AsyncConnection, settings: Settings) -> Rates:
    return await read_rates(connection, currency_config(settings))


async def ranges(
    connection: AsyncConnection, parts: Sequence[int], rates: Rates
) -> dict[str, sources.Ranges]:
    """Every source's (min, max) per part, by InvenTree's field prefix."""
    return {
        "internal_cost": await sources.priced(
            connection, sources.breaks("partinternalpricebreak", parts), rates
        ),
        "sale_price": await sources.priced(
            connection, sources.breaks("partsellpricebreak", parts), rates
        ),
        "supplier_price": await sources.priced(connection, sources.supplier_breaks(parts), rates),
        "purchase_cost": await sources.priced(connection, sources.purchase_history(parts), rates),
        "sale_history": await sources.priced(connection, sources.sale_history(parts), rates),
        "bom_cost": await sources.bom_cost(connection, parts),
        "variant_cost": await sources.variant_cost(connection, parts),
    }


def lowest(values: Iterable[Decimal | None]) -> Decimal | None:
    return sources.span(values)[0]


def highest(values: Iterable[Decimal | None]) -> Decimal | None:
    return sources.span(values)[1]


NO_OVERRIDE = {"override_min": None, "override_max": None, "min_currency": "", "max_currency": ""}


async def overrides_of(connection: AsyncConnection, parts: Sequence[int]) -> dict[int, Any]:
    query = sa.select(overrides).where(overrides.c.part.in_(parts))
    return {
        row.part: {
            "override_min": row.override_min,
            "override_max": row.override_max,
            "min_currency": row.override_min_currency,
            "max_currency": row.override_max_currency,
        }
        for row in await connection.execute(query)
    }


def answer_for(
    figures: dict[str, sources.Range], override: dict[str, Any], rates: Rates, updated: Any
) -> dict[str, Any]:
    low = sources.in_base(override["override_min"], override["min_currency"], rates)
    high = sources.in_base(override["override_max"], override["max_currency"], rates)
    overall_min = low if low is not None else lowest(figures[name][0] for name in OVERALL)
    overall_max = high if high is not None else highest(figures[name][1] for name in OVERALL)
    answer: dict[str, Any] = {
        "currency": rates.base_currency,
        "updated": updated,
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


async def pricing_of(
    connection: AsyncConnection, parts: Sequence[int], rates: Rates
) -> dict[int, dict[str, Any]]:
    """The pricing answer of each of the parts that exist, computed now, in a query per source
    (none of them may read another's stored pricing: see pricing_jobs.py for the order)."""
    query = sa.select(parts_table.c.id, parts_table.c.pricing_updated)
    found = dict((await connection.execute(query.where(parts_table.c.id.in_(parts)))).all())
    figures = await ranges(connection, list(found), rates)
    chosen = await overrides_of(connection, list(found))
    return {
        pk: answer_for(
            {name: per_part.get(pk, sources.NONE) for name, per_part in figures.items()},
            chosen.get(pk, NO_OVERRIDE),
            rates,
            updated,
        )
        for pk, updated in found.items()
    }


async def pricing(
    connection: AsyncConnection, settings: Settings, part: int, rates: Rates | None = None
) -> dict[str, Any]:
    """The part's pricing answer, computed now."""
    answers = await pricing_of(connection, [part], rates or await rates_for(connection, settings))
    if part not in answers:
        raise NotFound()
    return answers[part]


async def store(connection: AsyncConnection, answers: dict[int, dict[str, Any]]) -> datetime:
    """Keep each overall range on its part (read by part lists and by assemblies' BOM costs)."""
    moment = datetime.now(UTC)
    rows = [
        {
            "part_id": pk,
            "low": None if answer["overall_min"] is None else Decimal(answer["overall_min"]),
            "high": None if answer["overall_max"] is None else Decimal(answer["overall_max"]),
        }
        for pk, answer in answers.items()
    ]
    if rows:
        statement = (
            sa.update(parts_table)
            .where(parts_table.c.id == sa.bindparam("part_id"))
            .values(
                pricing_min=sa.bindparam("low"),
                pricing_max=sa.bindparam("high"),
                pricing_updated=moment,
            )
        )
        await connection.execute(statement, rows)
    return moment


async def recalculate(connection: AsyncConnection, settings: Settings, part: int) -> Any:
    answer = await pricing(connection, settings, part)
    answer["updated"] = await store(connection, {part: answer})
    return answer


async def recalculate_many(connection: AsyncConnection, parts: Sequence[int], rates: Rates) -> int:
    """Recalculate parts none of which reads another's pricing; answers how many exist."""
    answers = await pricing_of(connection, parts, rates)
    await store(connection, answers)
    return len(answers)


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
