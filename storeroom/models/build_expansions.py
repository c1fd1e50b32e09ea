"""The nested objects of builds, build lines and build items (InvenTree's BuildSerializer,
BuildLineSerializer and BuildItemSerializer), built by the database for the page's rows only.

Each list and detail takes `?<name>=true|false` for the optional ones, with InvenTree's default:
a build's `part_detail` (on); a line's `part_detail` (on); an allocation's `part_detail` and
`location_detail` (on), `stock_detail` (its `stock_item_detail`, on) and `supplier_part_detail`
(off). A build's `project_code_detail` and a line's `bom_item_detail` and `allocations` are always
there, as InvenTree's are. Every combination asked for is a variant of the Resource, compiled once
like the stock list's (models/stock_expansions.py).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field, FieldError, parse_bool
from storeroom.api.resource import Resource
from storeroom.errors import Invalid
from storeroom.models.bom import BOM_ITEM
from storeroom.models.build import BUILD
from storeroom.models.build_line import BUILD_ITEM, BUILD_LINE
from storeroom.models.build_stock import component_of_line
from storeroom.models.expressions import Expression, related_value, table
from storeroom.models.part import PART
from storeroom.models.project import PROJECT_CODE
from storeroom.models.stock import STOCK_ITEM, STOCK_LOCATION
from storeroom.models.stock_details import JsonArray, JsonValue, json_of
from storeroom.models.stock_expansions import LOCATION_BRIEF, PART_BRIEF, SUPPLIER_PART_FIELDS
from storeroom.models.supplier import SUPPLIER_PART

STOCK_ITEM_BRIEF = (
    "pk",
    "part",
    "part_name",
    "location",
    "quantity",
    "serial",
    "batch",
    "supplier_part",
    "barcode_hash",
)
# The BOM item's own columns and flags (its stock figures are the line's own fields already).
BOM_ITEM_FIELDS = (
    "pk",
    "part",
    "sub_part",
    "reference",
    "quantity",
    "overage",
    "allow_variants",
    "inherited",
    "optional",
    "consumable",
    "note",
    "validated",
)
PROJECT_CODE_BRIEF = ("pk", "code", "description")
ALLOCATION_FIELDS = (
    "pk",
    "build",
    "build_line",
    "install_into",
    "stock_item",
    "quantity",
    "location",
    "bom_reference",
    "item_serial_number",
)


# InvenTree's StockItemSerializerBrief names the item's part too.
STOCK_ITEM_NAMED = dataclasses.replace(
    STOCK_ITEM,
    fields=(
        *STOCK_ITEM.fields,
        Field(
            "part_name",
            "str",
            read_only=True,
            stored=False,
            expression=related_value("name", ("part", "part")),
        ),
    ),
)


def object_at(resource: Resource, names: tuple[str, ...], key: Expression) -> Expression:
    """The row of `resource` whose pk is `key(owner)`, as JSON with `names` (null when none)."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        row = table(resource.model_type).alias()
        found = sa.select(json_of(resource, names, row)).where(row.c.id == key(owner))
        return sa.type_coerce(found.scalar_subquery(), JsonValue())

    return expression


def column(name: str) -> Expression:
    return lambda owner: owner.c[name]


def through_stock_item(resource: Resource, names: tuple[str, ...], field: str) -> Expression:
    """The row the allocated stock item's `field` points at, as JSON (a join: a lookup nested
    in the object's select would not see the allocation's row)."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        row, item = table(resource.model_type).alias(), table("stockitem").alias()
        found = (
            sa.select(json_of(resource, names, row))
            .join(item, item.c[field] == row.c.id)
            .where(item.c.id == owner.c.stock_item)
        )
        return sa.type_coerce(found.scalar_subquery(), JsonValue())

    return expression


def allocations_of_line(owner: sa.Table) -> sa.ColumnElement[Any]:
    """The line's allocations as a JSON array, in pk order ([] when none)."""
    item = table("build_item").alias()
    entry = json_of(BUILD_ITEM, ALLOCATION_FIELDS, item)
    rows = sa.select(entry.label("entry"), item.c.id).where(item.c.build_line == owner.c.id)
    # Correlated explicitly: the ordered rows are a subquery below the array's select.
    ordered = rows.order_by(item.c.id).correlate(owner).subquery()
    return sa.type_coerce(sa.select(JsonArray(ordered.c.entry)).scalar_subquery(), JsonValue())


def detail(name: str, expression: Expression) -> Field:
    return Field(name, "json", read_only=True, nullable=True, stored=False, expression=expression)


@dataclass(frozen=True, slots=True)
class Expansions:
    """A resource's nested objects: those always shown, and the optional ones by query parameter
    (parameter -> field, shown by default)."""

    base: Resource
    always: tuple[Field, ...]
    optional: dict[str, tuple[Field, bool]]
    variants: dict[tuple[str, ...], Resource] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        # A variant's name keys its compiled statements: each set of fields has its own.
        prefix = (self.base.model_type, *(("nested",) if self.always else ()))
        for size in range(len(self.optional) + 1):
            for chosen in itertools.combinations(self.optional, size):
                added = (*self.always, *(self.optional[name][0] for name in chosen))
                self.variants[chosen] = (
                    dataclasses.replace(
                        self.base,
                        model_type="+".join((*prefix, *chosen)),
                        fields=(*self.base.fields, *added),
                    )
                    if added
                    else self.base
                )

    def asked_for(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        """The parameters a request turns on (or leaves on); a 400 for one that is not a
        boolean."""
        chosen: list[str] = []
        errors: dict[str, list[str]] = {}
        for name, (_, default) in self.optional.items():
            raw = params.get(name)
            try:
                if default if raw is None else parse_bool(raw):
                    chosen.append(name)
            except FieldError as error:
                errors[name] = [str(error)]
        if errors:
            raise Invalid(errors)
        return tuple(chosen)

    def expanded(self, params: Mapping[str, Any]) -> Resource:
        return self.variants[self.asked_for(params)]


# Always part of a line (InvenTree's are not optional).
LINE_FIELDS = (
    detail("bom_item_detail", object_at(BOM_ITEM, BOM_ITEM_FIELDS, column("bom_item"))),
    detail("allocations", allocations_of_line),
)

LINE_EXPANSIONS = Expansions(
    BUILD_LINE,
    LINE_FIELDS,
    {"part_detail": (detail("part_detail", object_at(PART, PART_BRIEF, component_of_line)), True)},
)

BUILD_EXPANSIONS = Expansions(
    BUILD,
    (
        detail(
            "project_code_detail",
            object_at(PROJECT_CODE, PROJECT_CODE_BRIEF, column("project_code")),
        ),
    ),
    {"part_detail": (detail("part_detail", object_at(PART, PART_BRIEF, column("part"))), True)},
)

ITEM_EXPANSIONS = Expansions(
    BUILD_ITEM,
    (),
    {
        "part_detail": (
            detail("part_detail", through_stock_item(PART, PART_BRIEF, "part")),
            True,
        ),
        "location_detail": (
            detail(
                "location_detail", through_stock_item(STOCK_LOCATION, LOCATION_BRIEF, "location")
            ),
            True,
        ),
        "stock_detail": (
            detail(
                "stock_item_detail",
                object_at(STOCK_ITEM_NAMED, STOCK_ITEM_BRIEF, column("stock_item")),
            ),
            True,
        ),
        "supplier_part_detail": (
            detail(
                "supplier_part_detail",
                through_stock_item(SUPPLIER_PART, SUPPLIER_PART_FIELDS, "supplier_part"),
            ),
            False,
        ),
    },
)
