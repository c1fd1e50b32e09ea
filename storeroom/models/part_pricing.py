"""Sale and internal price breaks of parts (`/api/part/sale-price/`, `/api/part/internal-price/`):
the unit price from a quantity on."""

from __future__ import annotations

from storeroom.api.fields import Field
from storeroom.models.declare import model
from storeroom.models.defaults import in_default_currency, one
from storeroom.models.status_classes import CURRENCIES

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
)

RESOURCES = (PART_SALE_PRICE_BREAK,)
# Appended after the models declared before them (a model's position is its content type).
LATER_RESOURCES = (PART_INTERNAL_PRICE_BREAK,)
