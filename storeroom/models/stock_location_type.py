"""Stock location types (InvenTree's StockLocationType): a name, a description and a default
icon for the locations of that type, with how many locations have it."""

from __future__ import annotations

from storeroom.api.fields import Field
from storeroom.models.declare import model
from storeroom.models.expressions import count_of

STOCK_LOCATION_TYPE = model(
    "stocklocationtype",
    "/api/stock/location-type/",
    app_label="stock",
    verbose_name="Stock Location type",
    ruleset="stock_location",
    fields=(
        Field("name", "str", required=True, max_length=100),
        Field("description", "str", max_length=250, default=""),
        # The icon of every location of this type that has no icon of its own.
        Field("icon", "str", max_length=100, default=""),
        Field(
            "location_count",
            "int",
            read_only=True,
            stored=False,
            expression=count_of("stocklocation", "location_type"),
        ),
    ),
    ordering=("name", "location_count", "icon"),
    default_ordering=("-location_count",),
    search=("name",),
    # Deleting is stock/location_types.py's: it clears the type of its locations first.
    served_by_capability=frozenset({"delete", "bulk_delete"}),
)

RESOURCES = (STOCK_LOCATION_TYPE,)
