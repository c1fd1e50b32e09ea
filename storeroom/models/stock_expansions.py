"""The stock list's and detail's optional nested objects (InvenTree's StockApiMixin):
`?part_detail=true` adds the part (PartBrief), `?location_detail=true` the location
(LocationBrief), `?supplier_part_detail=true` the supplier part, `?path_detail=true` the
location's path (`location_path`); `?tests=true` is stock/item_tests.py's. Each combination
asked for is a variant of the stock item's Resource with those fields added, so that its
statements are compiled and cached once like any list's, and the objects are built by the
database for the page's rows."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping
from typing import Any

from storeroom.api.fields import Field, FieldError, parse_bool
from storeroom.api.resource import Resource
from storeroom.errors import Invalid
from storeroom.models.part import PART
from storeroom.models.stock import STOCK_ITEM, STOCK_LOCATION
from storeroom.models.stock_details import detail_field, path_field
from storeroom.models.supplier import SUPPLIER_PART

PART_BRIEF = (
    "pk",
    "IPN",
    "barcode_hash",
    "category_default_location",
    "default_location",
    "name",
    "revision",
    "full_name",
    "description",
    "image",
    "thumbnail",
    "active",
    "locked",
    "assembly",
    "component",
    "is_template",
    "purchaseable",
    "salable",
    "testable",
    "trackable",
    "virtual",
    "units",
)
LOCATION_BRIEF = ("pk", "name", "pathstring")
# A supplier part as its own list shows it, but its `updated` moment (JSON built by SQLite would
# write it in the database's text form, not the API's).
SUPPLIER_PART_FIELDS = tuple(
    spec.name for spec in SUPPLIER_PART.readable if spec.kind not in {"datetime", "json", "tags"}
)

EXPANSIONS: dict[str, Field] = {
    "part_detail": detail_field("part_detail", PART, PART_BRIEF, "part"),
    "location_detail": detail_field("location_detail", STOCK_LOCATION, LOCATION_BRIEF, "location"),
    "supplier_part_detail": detail_field(
        "supplier_part_detail", SUPPLIER_PART, SUPPLIER_PART_FIELDS, "supplier_part"
    ),
    # InvenTree's `location_path`: the item's location and those above it, as [{pk, name}].
    "path_detail": path_field("location_path", "location"),
}


def variant(chosen: tuple[str, ...]) -> Resource:
    if not chosen:
        return STOCK_ITEM
    return dataclasses.replace(
        STOCK_ITEM,
        model_type="+".join((STOCK_ITEM.model_type, *chosen)),
        fields=(*STOCK_ITEM.fields, *(EXPANSIONS[name] for name in chosen)),
    )


# Every combination, made once (sixteen Resources).
VARIANTS = {
    chosen: variant(chosen)
    for size in range(len(EXPANSIONS) + 1)
    for chosen in itertools.combinations(EXPANSIONS, size)
}


def asked_for(params: Mapping[str, Any]) -> tuple[str, ...]:
    """The expansions a request asks for, in declaration order; a 400 for a value that is not a
    boolean."""
    chosen: list[str] = []
    errors: dict[str, list[str]] = {}
    for name in EXPANSIONS:
        raw = params.get(name)
        if raw is None:
            continue
        try:
            if parse_bool(raw):
                chosen.append(name)
        except FieldError as error:
            errors[name] = [str(error)]
    if errors:
        raise Invalid(errors)
    return tuple(chosen)


def expanded(params: Mapping[str, Any]) -> Resource:
    """The stock item's Resource with the nested objects the request asks for."""
    return VARIANTS[asked_for(params)]
