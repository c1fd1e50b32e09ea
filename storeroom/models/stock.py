"""Stock locations and stock items (InvenTree's `stock` app)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field
from storeroom.api.resource import Resource
from storeroom.errors import Invalid
from storeroom.models.clock import now, stamp
from storeroom.models.declare import model
from storeroom.models.defaults import STOCK_ITEM_DEFAULTS
from storeroom.models.expressions import Expression, count_of, related_value, table
from storeroom.models.location_filters import LOCATION_FILTERS
from storeroom.models.status_classes import CURRENCIES
from storeroom.models.status_fields import custom_status_keys, status_fields, status_filter
from storeroom.models.stock_details import detail_field, is_asked, path_field
from storeroom.models.stock_filters import STOCK_FILTERS, allocated, in_stock
from storeroom.models.stock_history import record_write
from storeroom.models.stock_location_type import STOCK_LOCATION_TYPE
from storeroom.models.stock_part_filters import PART_FILTERS
from storeroom.models.tree import keep_paths, tree_fields

# The tenant migration that added the locations' and items' later columns.
ADDED = "c0ffee000012"


def location_name(owner: sa.Table) -> sa.ColumnElement[Any]:
    location = table("stocklocation")
    return sa.select(location.c.name).where(location.c.id == owner.c.location).scalar_subquery()


def effective_icon(owner: sa.Table) -> sa.ColumnElement[Any]:
    """The location's own icon, else its location type's (InvenTree's StockLocation.icon)."""
    types = table("stocklocationtype").alias()
    of_type = sa.select(types.c.icon).where(types.c.id == owner.c.location_type).scalar_subquery()
    return sa.case(
        (sa.func.coalesce(owner.c.custom_icon, "") != "", owner.c.custom_icon),
        else_=sa.func.coalesce(of_type, ""),
    )


def owned_and_tagged() -> tuple[Field, ...]:
    """InvenTree's owner (a pk: storeroom keeps no owner objects), barcode and tags."""
    return (
        Field("owner", "int", nullable=True, added_in=ADDED),
        Field("barcode_hash", "str", read_only=True, max_length=128, default="", added_in=ADDED),
        Field("tags", "tags", default=list, added_in=ADDED),
    )


async def existing_type(connection: Any, values: dict[str, Any], pk: int | None) -> None:
    """A location's type must exist (the foreign key SQLite could not add)."""
    chosen = values.get("location_type")
    if chosen is None:
        return
    types = table("stocklocationtype")
    if await connection.scalar(sa.select(types.c.id).where(types.c.id == chosen)) is None:
        raise Invalid.field("location_type", f'Invalid pk "{chosen}" - object does not exist.')


TYPE_DETAIL = ("pk", "name", "description", "icon", "location_count")


def with_path(params: Mapping[str, Any]) -> Resource | None:
    """`?path_detail=true` on the location list and detail: LOCATION_WITH_PATH, below."""
    return LOCATION_WITH_PATH if is_asked(params, "path_detail") else None


STOCK_LOCATION = model(
    "stocklocation",
    "/api/stock/location/",
    app_label="stock",
    verbose_name="Stock Location",
    ruleset="stock_location",
    fields=(
        Field("name", "str", required=True, max_length=100),
        Field("description", "str", max_length=250, default=""),
        *tree_fields("stocklocation"),
        Field("custom_icon", "str", max_length=100, default=""),
        Field("icon", "str", read_only=True, stored=False, expression=effective_icon),
        Field("structural", "bool", default=False),
        Field("external", "bool", default=False),
        Field(
            "items",
            "int",
            read_only=True,
            stored=False,
            expression=count_of("stockitem", "location"),
        ),
        Field(
            "sublocations",
            "int",
            read_only=True,
            stored=False,
            expression=count_of("stocklocation", "parent"),
        ),
        # A location type's pk, kept as a plain column (SQLite cannot add a foreign key):
        # checked on write, cleared when the type is deleted (stock/location_types.py).
        Field("location_type", "int", nullable=True, added_in=ADDED),
        detail_field("location_type_detail", STOCK_LOCATION_TYPE, TYPE_DETAIL, "location_type"),
        *owned_and_tagged(),
    ),
    unique=(("parent", "name"),),
    filters=("level", *LOCATION_FILTERS),
    ordering=("name", "pathstring", "level", "items"),
    default_ordering=("pathstring",),
    search=("name", "description", "pathstring"),
    after_write=keep_paths("stocklocation"),
    check_write=existing_type,
    expand=with_path,
)
# InvenTree's `path_detail`: the location and every location above it as [{pk, name}].
LOCATION_WITH_PATH: Resource = dataclasses.replace(
    STOCK_LOCATION,
    model_type="stocklocation+path_detail",
    fields=(*STOCK_LOCATION.fields, path_field("path", "id")),
)


def hidden(name: str, expression: Expression) -> Field:
    """A value the list orders or searches by without showing it (InvenTree's `part__name`)."""
    return Field(name, "str", read_only=True, write_only=True, stored=False, expression=expression)


def expired(owner: sa.Table) -> sa.ColumnElement[Any]:
    """In stock and past its expiry date. InvenTree's `stale` is the same while its
    STOCK_STALE_DAYS setting is 0, its default."""
    return sa.and_(
        in_stock(owner),
        owner.c.expiry_date.is_not(None),
        owner.c.expiry_date < sa.func.current_date(),
    )


PART = ("part", "part")
SUPPLIER_PART = ("supplier_part", "supplierpart")
HIDDEN_FIELDS = (
    hidden("part__name", related_value("name", PART)),
    hidden("part__IPN", related_value("IPN", PART)),
    hidden("part__description", related_value("description", PART)),
    hidden("location__name", location_name),
    hidden("SKU", related_value("SKU", SUPPLIER_PART)),
    hidden(
        "MPN",
        related_value("MPN", SUPPLIER_PART, ("manufacturer_part", "manufacturerpart")),
    ),
    # InvenTree's `stock` ordering: by quantity.
    Field(
        "stock",
        "float",
        read_only=True,
        write_only=True,
        stored=False,
        expression=lambda own: own.c.quantity,
    ),
)
HIDDEN_ORDERING = ("part__name", "part__IPN", "SKU", "MPN", "stock")

STOCK_ITEM = model(
    "stockitem",
    "/api/stock/",
    app_label="stock",
    verbose_name="Stock Item",
    ruleset="stock",
    fields=(
        # A part's stock goes with it (InvenTree's CASCADE).
        Field("part", "fk", required=True, relation="part", on_delete="cascade"),
        Field("quantity", "float", required=True),
        # Deleting a location leaves its items unplaced (InvenTree's SET_NULL).
        Field("location", "fk", nullable=True, relation="stocklocation", on_delete="set_null"),
        Field("location_name", "str", read_only=True, stored=False, expression=location_name),
        Field("serial", "str", nullable=True, max_length=100),
        Field("batch", "str", nullable=True, max_length=100),
        *status_fields("StockStatus", writable=True),
        Field("packaging", "str", nullable=True, max_length=50),
        Field("link", "str", max_length=200, default=""),
        Field("notes", "str", nullable=True, max_length=50000),
        Field("expiry_date", "date", nullable=True),
        Field("purchase_price", "decimal", nullable=True),
        Field("purchase_price_currency", "str", max_length=3, default="USD", choices=CURRENCIES),
        Field("delete_on_deplete", "bool", default=False),
        Field("is_building", "bool", default=False),
        Field("updated", "datetime", read_only=True, nullable=True, default=now),
        # Deleting a supplier part, order, build or customer clears it here (SET_NULL).
        Field("supplier_part", "fk", nullable=True, relation="supplierpart", on_delete="set_null"),
        Field(
            "sku",
            "str",
            read_only=True,
            stored=False,
            expression=related_value("SKU", ("supplier_part", "supplierpart")),
        ),
        Field(
            "purchase_order", "fk", nullable=True, relation="purchaseorder", on_delete="set_null"
        ),
        Field(
            "purchase_order_reference",
            "str",
            read_only=True,
            stored=False,
            expression=related_value("reference", ("purchase_order", "purchaseorder")),
        ),
        Field("sales_order", "fk", nullable=True, relation="salesorder", on_delete="set_null"),
        Field(
            "sales_order_reference",
            "str",
            read_only=True,
            stored=False,
            expression=related_value("reference", ("sales_order", "salesorder")),
        ),
        Field("build", "fk", nullable=True, relation="build", on_delete="set_null"),
        Field("customer", "fk", nullable=True, relation="company", on_delete="set_null"),
        # Stock consumed by a build, or installed in another item, goes with it (CASCADE).
        Field("consumed_by", "fk", nullable=True, relation="build", on_delete="cascade"),
        Field("belongs_to", "fk", nullable=True, relation="stockitem", on_delete="cascade"),
        Field(
            "installed_items",
            "int",
            read_only=True,
            stored=False,
            expression=count_of("stockitem", "belongs_to"),
        ),
        Field(
            "tracking_items",
            "int",
            read_only=True,
            stored=False,
            expression=count_of("stockitemtracking", "item"),
        ),
        Field(
            "child_items",
            "int",
            read_only=True,
            stored=False,
            expression=count_of("stockitem", "parent"),
        ),
        Field("allocated", "float", read_only=True, stored=False, expression=allocated),
        Field("expired", "bool", read_only=True, stored=False, expression=expired),
        Field("stale", "bool", read_only=True, stored=False, expression=expired),
        # The item this one was split from (InvenTree's tree parent), set by the ledger.
        Field("parent", "int", read_only=True, nullable=True, added_in="c0ffee000008"),
        Field("stocktake_date", "date", read_only=True, nullable=True, added_in="c0ffee000008"),
        *owned_and_tagged(),
        *HIDDEN_FIELDS,
    ),
    # A serial number is unique per part.
    unique=(("part", "serial"),),
    filters=(
        *STOCK_FILTERS,
        *PART_FILTERS,
        status_filter("stockitem", "StockStatus"),
        "serial",
        "is_building",
        "supplier_part",
        "purchase_order",
        "sales_order",
        "build",
        "consumed_by",
        "customer",
        "belongs_to",
    ),
    ordering=(
        "part",
        "quantity",
        "serial",
        "batch",
        "status",
        "updated",
        "location",
        "expiry_date",
        "stocktake_date",
        "purchase_price",
        "packaging",
        *HIDDEN_ORDERING,
    ),
    default_ordering=("pk",),
    # InvenTree's search_fields (its tags aside).
    search=(
        "serial",
        "batch",
        "notes",
        "part__name",
        "part__IPN",
        "part__description",
        "location__name",
    ),
    inventree_bulk_delete=True,
    # Served by storeroom/stock: POST (serial numbers, pack sizes: InvenTree's create), the
    # list and the detail (the nested objects asked for, models/stock_expansions.py).
    served_by_capability=frozenset({"create", "list", "detail"}),
    before_write=stamp("updated"),
    after_write=record_write,
    check_write=custom_status_keys("StockStatus"),
    create_defaults=STOCK_ITEM_DEFAULTS,
)

# An item's `child_items` counts the items split from it: without this index each row of a page
# read every item of the tenant (the parent is no filter, so no index is implied).
sa.Index("ix_stockitem_parent_id", STOCK_ITEM.table.c.parent, STOCK_ITEM.table.c.id)

RESOURCES = (STOCK_LOCATION, STOCK_ITEM)
