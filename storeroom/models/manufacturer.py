"""Manufacturer parts (`/api/company/part/manufacturer/`): a part as a manufacturer makes it,
by MPN, with the manufacturer's own parameters."""

from __future__ import annotations

from storeroom.api.fields import Field, parse_bool, parse_int
from storeroom.models.declare import model
from storeroom.models.filters import through

MANUFACTURER_PART = model(
    "manufacturerpart",
    "/api/company/part/manufacturer/",
    app_label="company",
    verbose_name="Manufacturer Part",
    ruleset="purchase_order",
    # InvenTree serves a bulk DELETE on this list too.
    inventree_bulk_delete=True,
    fields=(
        # Goes with its part and with its manufacturer (InvenTree's CASCADE on both).
        Field("part", "fk", required=True, relation="part", on_delete="cascade"),
        Field("manufacturer", "fk", required=True, relation="company", on_delete="cascade"),
        Field("description", "str", nullable=True, max_length=250),
        Field("MPN", "str", required=True, nullable=True, max_length=100),
        Field("link", "str", nullable=True, max_length=200),
        Field("barcode_hash", "str", max_length=128, default=""),
        Field("notes", "str", nullable=True, max_length=50000),
    ),
    unique=(("part", "manufacturer", "MPN"),),
    filters=(
        "part",
        "manufacturer",
        "MPN",
        through("part_active", "manufacturerpart", "part", "part", "active", parse_bool),
        through(
            "manufacturer_active",
            "manufacturerpart",
            "manufacturer",
            "company",
            "active",
            parse_bool,
        ),
    ),
    ordering=("part", "manufacturer", "MPN"),
    search=("MPN", "description"),
)

MANUFACTURER_PART_PARAMETER = model(
    "manufacturerpartparameter",
    "/api/company/part/manufacturer/parameter/",
    app_label="company",
    verbose_name="Manufacturer Part Parameter",
    ruleset="purchase_order",
    # InvenTree serves a bulk DELETE on this list too.
    inventree_bulk_delete=True,
    fields=(
        # A manufacturer part's parameters go with it (InvenTree's CASCADE).
        Field(
            "manufacturer_part",
            "fk",
            required=True,
            relation="manufacturerpart",
            on_delete="cascade",
        ),
        Field("name", "str", required=True, max_length=500),
        Field("value", "str", required=True, max_length=500),
        Field("units", "str", nullable=True, max_length=64),
    ),
    # One value per parameter name of a manufacturer part.
    unique=(("manufacturer_part", "name"),),
    filters=(
        "manufacturer_part",
        "name",
        "value",
        "units",
        through(
            "part",
            "manufacturerpartparameter",
            "manufacturer_part",
            "manufacturerpart",
            "part",
            parse_int,
        ),
        through(
            "manufacturer",
            "manufacturerpartparameter",
            "manufacturer_part",
            "manufacturerpart",
            "manufacturer",
            parse_int,
        ),
    ),
    ordering=("name", "value", "units"),
    search=("name", "value", "units"),
)

RESOURCES = (MANUFACTURER_PART, MANUFACTURER_PART_PARAMETER)
