"""Custom units of measure (`/api/units/`): names defined in terms of known units, which part
and parameter units may then use."""

from __future__ import annotations

from storeroom.api.fields import Field
from storeroom.models.declare import model

CUSTOM_UNIT = model(
    "customunit",
    "/api/units/",
    app_label="common",
    verbose_name="Custom Unit",
    ruleset="admin",
    fields=(
        Field("name", "str", required=True, max_length=50),
        Field("symbol", "str", max_length=10, default=""),
        Field("definition", "str", required=True, max_length=50),
    ),
    unique=(("name",),),
    ordering=("name",),
    default_ordering=("name",),
    search=("name", "symbol", "definition"),
)

RESOURCES = (CUSTOM_UNIT,)
