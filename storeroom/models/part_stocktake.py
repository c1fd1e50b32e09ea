"""Stocktake records of parts (`/api/part/stocktake/`, InvenTree's PartStocktake): how many items
and how much of a part there was on a date, and what it was worth."""

from __future__ import annotations

from storeroom.api.fields import Field
from storeroom.models.clock import today
from storeroom.models.declare import model
from storeroom.models.defaults import in_default_currency
from storeroom.models.status_classes import CURRENCIES

PART_STOCKTAKE = model(
    "partstocktake",
    "/api/part/stocktake/",
    app_label="part",
    verbose_name="Part Stocktake",
    ruleset="part",
    fields=(
        Field("date", "date", read_only=True, default=today),
        # A part's stocktakes go with it (InvenTree's CASCADE).
        Field("part", "fk", required=True, relation="part", on_delete="cascade"),
        Field("item_count", "int", default=1),
        Field("quantity", "float", required=True),
        Field("cost_min", "decimal", nullable=True),
        Field("cost_min_currency", "str", max_length=3, default="USD", choices=CURRENCIES),
        Field("cost_max", "decimal", nullable=True),
        Field("cost_max_currency", "str", max_length=3, default="USD", choices=CURRENCIES),
        Field("note", "str", max_length=250, default=""),
        # Set from the caller on create (parts/stocktake_routes.py): users are platform rows.
        Field("user", "int", read_only=True, nullable=True),
        Field("user_detail", "json", read_only=True),
    ),
    filters=("part", "user"),
    ordering=("part", "item_count", "quantity", "date", "user"),
    default_ordering=("-pk",),
    create_defaults=in_default_currency("cost_min_currency", "cost_max_currency"),
    # POST is served by parts/stocktake_routes.py: it records the caller as `user`.
    served_by_capability=frozenset({"create"}),
)

RESOURCES = (PART_STOCKTAKE,)
