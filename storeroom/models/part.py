"""Parts and part categories (InvenTree's `part` app): `/api/part/`, `/api/part/category/`."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field, parse_bool
from storeroom.api.resource import OPERATIONS, Filter
from storeroom.models import part_stock as stock
from storeroom.models.clock import today
from storeroom.models.declare import model
from storeroom.models.expressions import count_of, table
from storeroom.models.part_filters import PART_FILTERS
from storeroom.models.tree import keep_paths, tree_fields

# The tenant migration that added the part's later columns.
ADDED = "c0ffee000010"
# InvenTree's thumbnail of a part without an image.
BLANK_THUMBNAIL = "/static/img/blank_image.thumbnail.png"
# Where part images are served from (parts/images.py): `<IMAGE_URL><32 hex>/image.<format>`.
IMAGE_URL = "/api/part/image/"


def category_name(owner: sa.Table) -> sa.ColumnElement[Any]:
    category = table("partcategory")
    return sa.select(category.c.name).where(category.c.id == owner.c.category).scalar_subquery()


def full_name(owner: sa.Table) -> sa.ColumnElement[Any]:
    """InvenTree's default PART_NAME_FORMAT: `IPN | name | revision`, each part when set."""
    ipn = sa.case((sa.func.coalesce(owner.c.IPN, "") != "", owner.c.IPN + " | "), else_="")
    revision = sa.case(
        (sa.func.coalesce(owner.c.revision, "") != "", " | " + owner.c.revision), else_=""
    )
    return ipn + owner.c.name + revision


def thumbnail(owner: sa.Table) -> sa.ColumnElement[Any]:
    """The image's thumbnail (a PNG stored in the image's folder by parts/images.py), or
    InvenTree's blank one."""
    folder = sa.func.substr(owner.c.image, 1, len(IMAGE_URL) + 33)
    return sa.case(
        (sa.func.coalesce(owner.c.image, "") == "", BLANK_THUMBNAIL),
        else_=folder + "thumbnail.png",
    )


def category_default_location(owner: sa.Table) -> sa.ColumnElement[Any]:
    """The part's category's default location, else its parent category's."""
    category, parent = table("partcategory").alias(), table("partcategory").alias()
    own = sa.select(category.c.default_location).where(category.c.id == owner.c.category)
    inherited = (
        sa.select(parent.c.default_location)
        .join(category, category.c.parent == parent.c.id)
        .where(category.c.id == owner.c.category)
    )
    return sa.func.coalesce(own.scalar_subquery(), inherited.scalar_subquery())


def no_stars(value: Any) -> sa.ColumnElement[bool]:
    """`?starred=` where no caller is known (a bulk delete's filters): nothing is starred. The
    lists bind the caller's stars instead (parts/stars.py)."""
    return sa.false() if value else sa.true()


def computed(name: str, kind: str, expression: Any, **options: Any) -> Field:
    return Field(name, kind, read_only=True, stored=False, expression=expression, **options)


def added(name: str, kind: str, **options: Any) -> Field:
    return Field(name, kind, added_in=ADDED, **options)


PART_CATEGORY = model(
    "partcategory",
    "/api/part/category/",
    app_label="part",
    verbose_name="Part Category",
    ruleset="part_category",
    fields=(
        Field("name", "str", required=True, max_length=100),
        Field("description", "str", max_length=250, default=""),
        Field(
            "default_location", "fk", nullable=True, relation="stocklocation", on_delete="set_null"
        ),
        Field("default_keywords", "str", nullable=True, max_length=250),
        *tree_fields("partcategory"),
        Field("structural", "bool", default=False),
        Field("icon", "str", max_length=100, default=""),
        Field(
            "part_count",
            "int",
            read_only=True,
            stored=False,
            expression=count_of("part", "category"),
        ),
        Field(
            "subcategories",
            "int",
            read_only=True,
            stored=False,
            expression=count_of("partcategory", "parent"),
        ),
        # Per caller: answered by parts/stars.py for the page's rows, written by PATCH or PUT.
        computed("starred", "bool", lambda owner: sa.false()),
    ),
    unique=(("parent", "name"),),
    filters=("parent", "structural", "name", "level", Filter("starred", parse_bool, no_stars)),
    ordering=("name", "pathstring", "level", "part_count"),
    default_ordering=("pathstring",),
    search=("name", "description", "pathstring"),
    after_write=keep_paths("partcategory"),
    # parts/detail_routes.py serves these: `starred` is the caller's.
    served_by_capability=frozenset({"list", "detail", "update"}),
)

PART = model(
    "part",
    "/api/part/",
    app_label="part",
    verbose_name="Part",
    ruleset="part",
    fields=(
        Field("name", "str", required=True, max_length=100),
        Field("description", "str", max_length=250, default=""),
        Field("IPN", "str", max_length=100, default=""),
        Field("revision", "str", nullable=True, max_length=100, default=""),
        Field("keywords", "str", nullable=True, max_length=250),
        # Deleting a category leaves its parts uncategorised (InvenTree's SET_NULL).
        Field("category", "fk", nullable=True, relation="partcategory", on_delete="set_null"),
        # Null when the part has no category.
        Field(
            "category_name",
            "str",
            read_only=True,
            nullable=True,
            stored=False,
            expression=category_name,
        ),
        Field(
            "default_location", "fk", nullable=True, relation="stocklocation", on_delete="set_null"
        ),
        Field("default_expiry", "int", default=0),
        Field("minimum_stock", "float", default=0.0),
        Field("units", "str", nullable=True, max_length=20, default=""),
        Field("link", "str", nullable=True, max_length=200),
        Field("variant_of", "fk", nullable=True, relation="part", on_delete="set_null"),
        Field("revision_of", "fk", nullable=True, relation="part", on_delete="set_null"),
        Field("active", "bool", default=True),
        Field("assembly", "bool", default=False),
        Field("component", "bool", default=True),
        Field("is_template", "bool", default=False),
        Field("locked", "bool", default=False),
        Field("purchaseable", "bool", default=True),
        Field("salable", "bool", default=False),
        Field("testable", "bool", default=False),
        Field("trackable", "bool", default=False),
        Field("virtual", "bool", default=False),
        Field("creation_date", "date", read_only=True, nullable=True, default=today),
        computed("full_name", "str", full_name),
        computed("in_stock", "float", stock.in_stock),
        computed("total_in_stock", "float", stock.total_in_stock),
        computed("variant_stock", "float", stock.variant_stock),
        computed("external_stock", "float", stock.external_stock),
        computed("unallocated_stock", "float", stock.unallocated_stock),
        computed("allocated_to_build_orders", "float", stock.allocated_to_build_orders),
        computed("allocated_to_sales_orders", "float", stock.allocated_to_sales_orders),
        computed("ordering", "float", stock.ordering),
        computed("building", "float", stock.building),
        computed("required_for_build_orders", "int", stock.required_for_build_orders),
        computed("required_for_sales_orders", "int", stock.required_for_sales_orders),
        computed("stock_item_count", "int", count_of("stockitem", "part")),
        computed("suppliers", "int", count_of("supplierpart", "part")),
        computed("revision_count", "int", count_of("part", "revision_of")),
        computed("category_default_location", "int", category_default_location, nullable=True),
        computed("thumbnail", "str", thumbnail),
        # Per caller: answered by parts/stars.py for the page's rows, written by PATCH or PUT.
        computed("starred", "bool", lambda owner: sa.false()),
        added("image", "str", read_only=True, nullable=True, max_length=255),
        added("creation_user", "int", read_only=True, nullable=True),
        # A supplier part's pk (kept as a plain column: SQLite cannot add a foreign key).
        added("default_supplier", "int", nullable=True),
        added("responsible", "int", nullable=True),
        added("barcode_hash", "str", read_only=True, max_length=128, default=""),
        added("last_stocktake", "date", read_only=True, nullable=True),
        added("tags", "tags", default=list),
        # Kept by the pricing recalculation (parts/pricing.py), in the default currency.
        added("pricing_min", "decimal", read_only=True, nullable=True),
        added("pricing_max", "decimal", read_only=True, nullable=True),
        added("pricing_updated", "datetime", read_only=True, nullable=True),
        # Create options (parts/creation.py), accepted on create only.
        Field("duplicate", "json", write_only=True, stored=False),
        Field("initial_stock", "json", write_only=True, stored=False),
        Field("initial_supplier", "json", write_only=True, stored=False),
        Field("copy_category_parameters", "bool", write_only=True, stored=False, default=True),
    ),
    unique=(("name", "IPN", "revision"),),
    filters=PART_FILTERS,
    # POST and DELETE are served by parts/routes.py: create options, InvenTree's delete rules.
    operations=OPERATIONS - {"create", "delete", "bulk_delete"},
    # parts/detail_routes.py serves these: `starred` is the caller's, PATCH takes an image.
    served_by_capability=frozenset({"list", "detail", "update"}),
    ordering=(
        "name",
        "IPN",
        "creation_date",
        "in_stock",
        "total_in_stock",
        "unallocated_stock",
        "category",
        "units",
        "pricing_min",
        "pricing_max",
        "pricing_updated",
        "revision",
        "last_stocktake",
    ),
    default_ordering=("name",),
    search=("name", "description", "IPN", "keywords"),
)

RESOURCES = (PART_CATEGORY, PART)
