"""Sale and internal price breaks of parts (`/api/part/sale-price/`, `/api/part/internal-price/`):
the unit price from a quantity on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field
from storeroom.models.declare import model
from storeroom.models.defaults import in_default_currency, one
from storeroom.models.expressions import table
from storeroom.models.status_classes import CURRENCIES


def schedule_pricing(
    model_type: str, column: str, through: tuple[str, str] | None = None
) -> Callable[[Any, int], Awaitable[None]]:
    """An after-write hook: the part the written row's `column` names is due for a pricing
    recalculation (InvenTree's PartPricing.schedule_for_update). Its `pricing_updated` is
    cleared, and the `pricing.pending` job (parts/pricing_jobs.py) recalculates it and the parts
    above it within the minute: many changes in that time cost one recalculation. `through`
    (model type, column): `column` names a row of that model, whose column names the part (a
    supplier price break names its supplier part)."""

    async def after_write(connection: Any, pk: int) -> None:
        written, part = table(model_type), table("part")
        named = sa.select(written.c[column]).where(written.c.id == pk).scalar_subquery()
        if through is not None:
            hop = table(through[0])
            named = sa.select(hop.c[through[1]]).where(hop.c.id == named).scalar_subquery()
        await connection.execute(
            sa.update(part).where(part.c.id == named).values(pricing_updated=None)
        )

    return after_write


PART_SALE_PRICE_BREAK = model(
    "partsellpricebreak",
    "/api/part/sale-price/",
    app_label="part",
    verbose_name="Part Sale Price Break",
    ruleset="part",
    fields=(
        # A part's price breaks go with it (InvenTree's CASCADE).
        Field("part", "fk", required=True, relation="part", on_delete="cascade"),
        Field("quantity", "float", required=True),
        Field("price", "decimal", nullable=True),
        Field("price_currency", "str", max_length=3, default="USD", choices=CURRENCIES),
    ),
    # One price per quantity of a part.
    unique=(("part", "quantity"),),
    filters=("part",),
    ordering=("quantity", "price"),
    default_ordering=("quantity",),
    create_defaults={"quantity": one, **in_default_currency("price_currency")},
    after_write=schedule_pricing("partsellpricebreak", "part"),
)

PART_INTERNAL_PRICE_BREAK = model(
    "partinternalpricebreak",
    "/api/part/internal-price/",
    app_label="part",
    verbose_name="Part Internal Price Break",
    ruleset="part",
    fields=(
        # A part's internal prices go with it (InvenTree's CASCADE).
        Field("part", "fk", required=True, relation="part", on_delete="cascade"),
        Field("quantity", "float", required=True),
        Field("price", "decimal", nullable=True),
        Field("price_currency", "str", max_length=3, default="USD", choices=CURRENCIES),
    ),
    unique=(("part", "quantity"),),
    filters=("part",),
    ordering=("quantity", "price"),
    default_ordering=("quantity",),
    create_defaults={"quantity": one, **in_default_currency("price_currency")},
    after_write=schedule_pricing("partinternalpricebreak", "part"),
)

RESOURCES = (PART_SALE_PRICE_BREAK,)
# Appended after the models declared before them (a model's position is its content type).
LATER_RESOURCES = (PART_INTERNAL_PRICE_BREAK,)
