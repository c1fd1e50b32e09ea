"""Sale and internal price breaks of parts (`/api/part/sale-price/`, `/api/part/internal-price/`):
the unit price from a quantity on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field
from storeroom.models.declare import model
from storeroom.models.defaults import in_default_currency, one
from storeroom.models.expressions import table
from storeroom.models.status_classes import CURRENCIES


@dataclass(frozen=True)
class PricingInput:
    """Rows of `model_type` that feed a part's pricing. After a row is written (`after_write`),
    and before rows are deleted (`before_delete`), the part each row's `column` names is due for
    a pricing recalculation (InvenTree's PartPricing.schedule_for_update): its
    `pricing_updated` is cleared, and the `pricing.pending` job (parts/pricing_jobs.py)
    recalculates it and the parts above it within the minute, so many changes in that time cost
    one recalculation. `through` (model type, column): `column` names a row of that model, whose
    column names the part (a supplier price break names its supplier part)."""

    model_type: str
    column: str
    through: tuple[str, str] | None = None

    def parts_of(self, rows: sa.ColumnElement[bool]) -> sa.Select[Any]:
        named = sa.select(table(self.model_type).c[self.column]).where(rows)
        if self.through is None:
            return named
        hop = table(self.through[0])
        return sa.select(hop.c[self.through[1]]).where(hop.c.id.in_(named))

    async def before_delete(self, connection: Any, rows: sa.ColumnElement[bool]) -> None:
        part = table("part")
        due = sa.update(part).where(part.c.id.in_(self.parts_of(rows)))
        await connection.execute(due.values(pricing_updated=None))

    async def after_write(self, connection: Any, pk: int) -> None:
        await self.before_delete(connection, table(self.model_type).c.id == pk)


SALE_PRICES = PricingInput("partsellpricebreak", "part")
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
    after_write=SALE_PRICES.after_write,
    before_delete=SALE_PRICES.before_delete,
)

INTERNAL_PRICES = PricingInput("partinternalpricebreak", "part")
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
    after_write=INTERNAL_PRICES.after_write,
    before_delete=INTERNAL_PRICES.before_delete,
)

RESOURCES = (PART_SALE_PRICE_BREAK,)
# Appended after the models declared before them (a model's position is its content type).
LATER_RESOURCES = (PART_INTERNAL_PRICE_BREAK,)
