"""Parts and part categories (InvenTree's `part` app): `/api/part/`, `/api/part/category/`."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field
from storeroom.models.clock import today
from storeroom.models.declare import model
from storeroom.models.expressions import count_of, table, total_of
from storeroom.models.tree import keep_paths, tree_fields

stock_total = total_of("stockitem", "part", "quantity")


def category_name(owner: sa.Table) -> sa.ColumnElement[Any]:
    category = table("partcategory")
    return sa.select(category.c.name).where(category.c.id == owner.c.category).scalar_subquery()


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
    ),
    unique=(("parent", "name"),),
    filters=("parent", "structural", "name", "level"),
    ordering=("name", "pathstring", "level", "part_count"),
    default_ordering=("pathstring",),
    search=("name", "description", "pathstring"),
    after_write=keep_paths("partcategory"),
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
        Field("in_stock", "float", read_only=True, stored=False, expression=stock_total),
        Field("total_in_stock", "float", read_only=True, stored=False, expression=stock_total),
        Field(
            "stock_item_count",
            "int",
            read_only=True,
            stored=False,
            expression=count_of("stockitem", "part"),
        ),
        Field(
            "suppliers",
            "int",
            read_only=True,
            stored=False,
            expression=count_of("supplierpart", "part"),
        ),
        Field(
            "revision_count",
            "int",
            read_only=True,
            stored=False,
            expression=count_of("part", "revision_of"),
        ),
    ),
    unique=(("name", "IPN", "revision"),),
    filters=(
        "category",
        "active",
        "assembly",
        "component",
        "is_template",
        "purchaseable",
        "salable",
        "testable",
        "trackable",
        "virtual",
        "locked",
        "IPN",
        "variant_of",
    ),
    ordering=("name", "IPN", "creation_date", "in_stock", "category"),
    default_ordering=("name",),
    search=("name", "description", "IPN", "keywords"),
)

RESOURCES = (PART_CATEGORY, PART)
