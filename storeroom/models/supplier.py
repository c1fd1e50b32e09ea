"""Supplier parts (`/api/company/part/`): a part as a supplier sells it, by SKU, with the
supplier's quantity price breaks (`/api/company/price-break/`)."""

from __future__ import annotations

from storeroom.api.fields import Field, parse_bool, parse_int
from storeroom.models.clock import now, stamp
from storeroom.models.declare import model
from storeroom.models.defaults import in_default_currency, one
from storeroom.models.expressions import related_value, total_of
from storeroom.models.filters import through
from storeroom.models.part_pricing import PricingInput
from storeroom.models.status_classes import CURRENCIES

SUPPLIER_PART = model(
    "supplierpart",
    "/api/company/part/",
    app_label="company",
    verbose_name="Supplier Part",
    ruleset="purchase_order",
    # InvenTree serves a bulk DELETE on this list too.
    inventree_bulk_delete=True,
    fields=(
        Field("description", "str", nullable=True, max_length=250),
        Field(
            "in_stock",
            "float",
            read_only=True,
            stored=False,
            expression=total_of("stockitem", "supplier_part", "quantity"),
        ),
        Field("link", "str", nullable=True, max_length=200),
        Field("active", "bool", default=True),
        Field(
            "manufacturer",
            "str",
            read_only=True,
            stored=False,
            expression=related_value(
                "name", ("manufacturer_part", "manufacturerpart"), ("manufacturer", "company")
            ),
        ),
        # Goes with its manufacturer part (InvenTree's CASCADE).
        Field(
            "manufacturer_part",
            "fk",
            nullable=True,
            relation="manufacturerpart",
            on_delete="cascade",
        ),
        Field(
            "MPN",
            "str",
            read_only=True,
            stored=False,
            expression=related_value("MPN", ("manufacturer_part", "manufacturerpart")),
        ),
        Field("note", "str", nullable=True, max_length=100),
        Field("packaging", "str", nullable=True, max_length=50),
        Field("pack_quantity", "str", max_length=25, default=""),
        # Goes with its part and with its supplier (InvenTree's CASCADE on both).
        Field("part", "fk", required=True, relation="part", on_delete="cascade"),
        Field("SKU", "str", required=True, max_length=100),
        Field("supplier", "fk", required=True, relation="company", on_delete="cascade"),
        Field("updated", "datetime", read_only=True, nullable=True, default=now),
        Field("notes", "str", nullable=True, max_length=50000),
    ),
    unique=(("part", "supplier", "SKU"),),
    filters=(
        "part",
        "supplier",
        "manufacturer_part",
        "SKU",
        "MPN",
        "active",
        through("part_active", "supplierpart", "part", "part", "active", parse_bool),
        through("supplier_active", "supplierpart", "supplier", "company", "active", parse_bool),
    ),
    ordering=(
        "SKU",
        "part",
        "supplier",
        "manufacturer",
        "MPN",
        "packaging",
        "pack_quantity",
        "in_stock",
    ),
    search=("SKU", "description", "note", "packaging", "MPN", "manufacturer"),
    before_write=stamp("updated"),
)

# A supplier's price feeds the supplied part's pricing.
SUPPLIER_PRICES = PricingInput("supplierpricebreak", "part", through=("supplierpart", "part"))
SUPPLIER_PRICE_BREAK = model(
    "supplierpricebreak",
    "/api/company/price-break/",
    app_label="company",
    verbose_name="Supplier Price Break",
    ruleset="purchase_order",
    fields=(
        # A supplier part's price breaks go with it (InvenTree's CASCADE).
        Field("part", "fk", required=True, relation="supplierpart", on_delete="cascade"),
        Field("quantity", "float", required=True),
        Field("price", "decimal", required=True, nullable=True),
        Field("price_currency", "str", max_length=3, default="USD", choices=CURRENCIES),
        Field(
            "supplier",
            "int",
            read_only=True,
            stored=False,
            expression=related_value("supplier", ("part", "supplierpart")),
        ),
        Field("updated", "datetime", read_only=True, nullable=True, default=now),
    ),
    # One price per quantity of a supplier part.
    unique=(("part", "quantity"),),
    filters=(
        "part",
        "quantity",
        "supplier",
        through("base_part", "supplierpricebreak", "part", "supplierpart", "part", parse_int),
    ),
    ordering=("quantity", "part", "supplier", "price"),
    default_ordering=("quantity",),
    before_write=stamp("updated"),
    create_defaults={"quantity": one, **in_default_currency("price_currency")},
    after_write=SUPPLIER_PRICES.after_write,
    before_delete=SUPPLIER_PRICES.before_delete,
)

RESOURCES = (SUPPLIER_PART, SUPPLIER_PRICE_BREAK)
