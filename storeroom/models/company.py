"""Companies (`/api/company/`): suppliers, manufacturers and customers, with their contacts and
addresses."""

from __future__ import annotations

from storeroom.api.fields import Field
from storeroom.models.declare import model
from storeroom.models.defaults import default_currency
from storeroom.models.expressions import count_of, related_value
from storeroom.models.status_classes import CURRENCIES

COMPANY = model(
    "company",
    "/api/company/",
    app_label="company",
    verbose_name="Company",
    ruleset="purchase_order",
    fields=(
        Field("name", "str", required=True, max_length=100),
        Field("description", "str", max_length=500, default=""),
        Field("website", "str", max_length=200, default=""),
        Field("phone", "str", max_length=50, default=""),
        Field("email", "str", nullable=True, max_length=254, default=""),
        # Required on update; a create without it gets the default currency (`create_defaults`).
        Field("currency", "str", required=True, max_length=3, choices=CURRENCIES),
        Field("contact", "str", max_length=100, default=""),
        Field("link", "str", max_length=200, default=""),
        Field("active", "bool", default=True),
        Field("is_customer", "bool", default=False),
        Field("is_manufacturer", "bool", default=False),
        Field("is_supplier", "bool", default=True),
        Field(
            "parts_supplied",
            "int",
            read_only=True,
            stored=False,
            expression=count_of("supplierpart", "supplier"),
        ),
        Field(
            "parts_manufactured",
            "int",
            read_only=True,
            stored=False,
            expression=count_of("manufacturerpart", "manufacturer"),
        ),
        # The uploaded image's URL, kept beside part images (parts/images.py).
        Field(
            "image", "str", read_only=True, nullable=True, max_length=255, added_in="c0ffee000018"
        ),
        Field(
            "address_count",
            "int",
            read_only=True,
            stored=False,
            expression=count_of("address", "company"),
        ),
    ),
    unique=(("name", "email"),),
    filters=("name", "active", "is_customer", "is_manufacturer", "is_supplier"),
    ordering=("name", "parts_supplied", "parts_manufactured"),
    default_ordering=("name",),
    search=("name", "description", "website"),
    create_defaults={"currency": default_currency},
    # PUT and PATCH are parts/company_images.py's: they take a multipart `image`.
    served_by_capability=frozenset({"update"}),
)

CONTACT = model(
    "contact",
    "/api/company/contact/",
    app_label="company",
    verbose_name="Contact",
    ruleset="purchase_order",
    # InvenTree serves a bulk DELETE on this list too.
    inventree_bulk_delete=True,
    fields=(
        # A company's contacts go with it (InvenTree's CASCADE).
        Field("company", "fk", required=True, relation="company", on_delete="cascade"),
        Field(
            "company_name",
            "str",
            read_only=True,
            stored=False,
            expression=related_value("name", ("company", "company")),
        ),
        Field("name", "str", required=True, max_length=100),
        Field("phone", "str", max_length=100, default=""),
        Field("email", "str", max_length=254, default=""),
        Field("role", "str", max_length=100, default=""),
    ),
    filters=("company",),
    ordering=("name",),
    search=("name", "company_name"),
)

ADDRESS = model(
    "address",
    "/api/company/address/",
    app_label="company",
    verbose_name="Address",
    ruleset="purchase_order",
    # InvenTree serves a bulk DELETE on this list too.
    inventree_bulk_delete=True,
    fields=(
        # A company's addresses go with it (InvenTree's CASCADE).
        Field("company", "fk", required=True, relation="company", on_delete="cascade"),
        Field("title", "str", required=True, max_length=100),
        Field("primary", "bool", default=False),
        Field("line1", "str", max_length=50, default=""),
        Field("line2", "str", max_length=50, default=""),
        Field("postal_code", "str", max_length=10, default=""),
        Field("postal_city", "str", max_length=50, default=""),
        Field("province", "str", max_length=50, default=""),
        Field("country", "str", max_length=50, default=""),
        Field("shipping_notes", "str", max_length=100, default=""),
        Field("internal_shipping_notes", "str", max_length=100, default=""),
        Field("link", "str", max_length=200, default=""),
    ),
    filters=("company",),
    ordering=("title",),
    search=("title", "line1", "line2", "postal_code", "postal_city", "province", "country"),
)

RESOURCES = (COMPANY, CONTACT, ADDRESS)
