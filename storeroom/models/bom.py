"""Bills of materials (`/api/bom/`): which component parts, and how many, make an assembly."""

from __future__ import annotations

from storeroom.api.fields import Field, parse_bool
from storeroom.models.declare import model
from storeroom.models.defaults import one
from storeroom.models.filters import through

BOM_ITEM = model(
    "bomitem",
    "/api/bom/",
    app_label="part",
    verbose_name="BOM Item",
    ruleset="part",
    # InvenTree serves a bulk DELETE on this list too.
    inventree_bulk_delete=True,
    fields=(
        # A BOM item goes with its assembly and with its component (InvenTree's CASCADE on both).
        Field("part", "fk", required=True, relation="part", on_delete="cascade"),
        Field("sub_part", "fk", required=True, relation="part", on_delete="cascade"),
        Field("reference", "str", max_length=5000, default=""),
        Field("quantity", "float", required=True),
        Field("overage", "str", max_length=24, default=""),
        Field("allow_variants", "bool", default=False),
        Field("inherited", "bool", default=False),
        Field("optional", "bool", default=False),
        Field("consumable", "bool", default=False),
        Field("note", "str", max_length=500, default=""),
        Field("validated", "bool", default=False),
    ),
    filters=(
        "part",
        "allow_variants",
        "inherited",
        "optional",
        "consumable",
        "validated",
        through("part_active", "bomitem", "part", "part", "active", parse_bool),
        through("part_testable", "bomitem", "part", "part", "testable", parse_bool),
        through("part_trackable", "bomitem", "part", "part", "trackable", parse_bool),
        through("sub_part_assembly", "bomitem", "sub_part", "part", "assembly", parse_bool),
        through("sub_part_testable", "bomitem", "sub_part", "part", "testable", parse_bool),
        through("sub_part_trackable", "bomitem", "sub_part", "part", "trackable", parse_bool),
    ),
    ordering=(
        "quantity",
        "sub_part",
        "reference",
        "allow_variants",
        "inherited",
        "optional",
        "consumable",
        "validated",
    ),
    search=("reference", "note"),
    create_defaults={"quantity": one},
)

RESOURCES = (BOM_ITEM,)
