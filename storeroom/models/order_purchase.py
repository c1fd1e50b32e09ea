"""Purchase orders (`/api/order/po/`): supplier parts ordered from a supplier, their lines and
extra lines."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field, parse_int
from storeroom.errors import Invalid
from storeroom.models.declare import model
from storeroom.models.defaults import in_default_currency, one
from storeroom.models.expressions import related_value, table
from storeroom.models.filters import condition, is_set, related_status_in, through
from storeroom.models.order_details import detail_of
from storeroom.models.order_expansions import nested, order_detail, with_expansions
from storeroom.models.order_fields import (
    ORDER_ORDERING,
    extra_line,
    line_fields,
    order_fields,
    order_filters,
)
from storeroom.models.order_lines import line_overdue
from storeroom.models.order_owners import RESPONSIBLE
from storeroom.models.part import PART
from storeroom.models.references import generated_reference, reference_check
from storeroom.models.status_classes import CURRENCIES
from storeroom.models.stock_expansions import PART_BRIEF, SUPPLIER_PART_FIELDS
from storeroom.models.supplier import SUPPLIER_PART

# PurchaseOrderStatusGroups.OPEN: pending, placed, on hold.
OPEN = (10, 20, 25)
# PurchaseOrderStatusGroups.COMPLETE.
COMPLETE = (30,)


def line_total(owner: sa.Table) -> sa.ColumnElement[Any]:
    # InvenTree annotates purchase_price * quantity (null without a price), as a float.
    return sa.cast(owner.c.purchase_price * owner.c.quantity, sa.Float)


async def check_purchase_line(connection: Any, values: dict[str, Any], pk: int | None) -> None:
    """InvenTree's PurchaseOrderLineItemSerializer checks: a quantity above zero, and a supplier
    part of the order's supplier."""
    errors: dict[str, list[str]] = {}
    quantity = values.get("quantity")
    if quantity is not None and quantity <= 0:
        errors["quantity"] = ["Quantity must be greater than zero"]
    if "part" in values or "order" in values:
        current: dict[str, Any] = {}
        if pk is not None:
            lines = table("purchaseorderlineitem")
            found = await connection.execute(sa.select(lines).where(lines.c.id == pk))
            current = dict(found.one()._mapping)
        part_id = values.get("part", current.get("part"))
        order_id = values.get("order", current.get("order"))
        if part_id is not None and order_id is not None:
            part_supplier = await supplier_of(connection, "supplierpart", part_id)
            if part_supplier != await supplier_of(connection, "purchaseorder", order_id):
                errors["part"] = ["Supplier must match purchase order"]
                errors["order"] = ["Purchase order must match supplier"]
    if errors:
        raise Invalid(errors)


async def supplier_of(connection: Any, model_type: str, pk: int) -> int | None:
    owner = table(model_type)
    found = await connection.execute(sa.select(owner.c.supplier).where(owner.c.id == pk))
    supplier: int | None = found.scalar()
    return supplier


PURCHASE_ORDER = model(
    "purchaseorder",
    "/api/order/po/",
    app_label="order",
    verbose_name="Purchase Order",
    ruleset="purchase_order",
    fields=(
        *order_fields(
            "purchaseorderlineitem",
            "PurchaseOrderStatus",
            OPEN,
            lambda line: line.c.received >= line.c.quantity,
            ("supplier", "purchase_price", "quantity"),
        ),
        Field("issue_date", "date", read_only=True, nullable=True),
        Field("complete_date", "date", read_only=True, nullable=True),
        # Deleting the supplier keeps its orders, without a supplier (InvenTree's SET_NULL).
        Field(
            "supplier",
            "fk",
            required=True,
            nullable=True,
            relation="company",
            on_delete="set_null",
        ),
        Field("supplier_reference", "str", max_length=64, default=""),
        Field(
            "supplier_name",
            "str",
            read_only=True,
            nullable=True,  # when the relation is empty
            stored=False,
            expression=related_value("name", ("supplier", "company")),
        ),
    ),
    unique=(("reference",),),
    filters=("supplier", *order_filters("purchaseorder", "PurchaseOrderStatus", OPEN)),
    ordering=(*ORDER_ORDERING, "supplier_name", "issue_date", "complete_date"),
    default_ordering=("reference",),
    search=(
        "reference",
        "description",
        "supplier_reference",
        "supplier_name",
        "project_code_label",
    ),
    create_defaults={"reference": generated_reference("purchaseorder")},
    platform_references=(RESPONSIBLE,),
    check_write=reference_check("purchaseorder"),
)

# InvenTree's `part_detail` gives the internal part (PartBrief) and the supplier part.
LINE_EXPANSIONS = {
    "part_detail": (
        nested("part_detail", PART, PART_BRIEF, "part", through=("supplierpart", "part")),
        nested("supplier_part_detail", SUPPLIER_PART, SUPPLIER_PART_FIELDS, "part"),
    ),
    "order_detail": (order_detail(PURCHASE_ORDER),),
}

PURCHASE_ORDER_LINE_ITEM = with_expansions(
    model(
        "purchaseorderlineitem",
        "/api/order/po-line/",
        app_label="order",
        verbose_name="Purchase Order Line Item",
        ruleset="purchase_order",
        # InvenTree serves a bulk DELETE on this list too.
        inventree_bulk_delete=True,
        fields=(
            # Deleting a supplier part keeps the lines that ordered it (InvenTree's SET_NULL).
            Field(
                "part",
                "fk",
                required=True,
                nullable=True,
                relation="supplierpart",
                on_delete="set_null",
            ),
            Field("quantity", "float", required=True),
            *line_fields("purchaseorder"),
            # Counted up by receiving, a workflow of its own.
            Field("received", "float", read_only=True, default=0.0),
            Field("purchase_price", "decimal", nullable=True),
            Field(
                "purchase_price_currency", "str", max_length=3, default="USD", choices=CURRENCIES
            ),
            Field("auto_pricing", "bool", default=True),
            Field(
                "destination", "fk", nullable=True, relation="stocklocation", on_delete="set_null"
            ),
            Field(
                "destination_detail",
                "json",
                read_only=True,
                nullable=True,  # when the line has no destination
                stored=False,
                expression=detail_of("destination", "stocklocation"),
            ),
            Field("total_price", "float", read_only=True, stored=False, expression=line_total),
            Field(
                "overdue", "bool", read_only=True, stored=False, expression=line_overdue("received")
            ),
            Field(
                "sku",
                "str",
                read_only=True,
                stored=False,
                expression=related_value("SKU", ("part", "supplierpart")),
            ),
            Field(
                "mpn",
                "str",
                read_only=True,
                stored=False,
                expression=related_value(
                    "MPN", ("part", "supplierpart"), ("manufacturer_part", "manufacturerpart")
                ),
            ),
            Field(
                "ipn",
                "str",
                read_only=True,
                stored=False,
                expression=related_value("IPN", ("part", "supplierpart"), ("part", "part")),
            ),
            Field(
                "internal_part",
                "int",
                read_only=True,
                stored=False,
                expression=related_value("part", ("part", "supplierpart")),
            ),
            Field(
                "internal_part_name",
                "str",
                read_only=True,
                stored=False,
                expression=related_value("name", ("part", "supplierpart"), ("part", "part")),
            ),
        ),
        filters=(
            "order",
            "part",
            through(
                "base_part", "purchaseorderlineitem", "part", "supplierpart", "part", parse_int
            ),
            through(
                "order_status",
                "purchaseorderlineitem",
                "order",
                "purchaseorder",
                "status",
                parse_int,
            ),
            related_status_in("pending", "purchaseorderlineitem", "order", "purchaseorder", OPEN),
            related_status_in(
                "order_complete", "purchaseorderlineitem", "order", "purchaseorder", COMPLETE
            ),
            is_set("has_pricing", "purchaseorderlineitem", "purchase_price"),
            condition(
                "received", "purchaseorderlineitem", lambda line: line.c.received >= line.c.quantity
            ),
        ),
        ordering=(
            "part",
            "quantity",
            "received",
            "reference",
            "purchase_price",
            "target_date",
            "total_price",
            "sku",
            "mpn",
        ),
        search=("reference", "sku", "mpn", "internal_part_name"),
        create_defaults={"quantity": one, **in_default_currency("purchase_price_currency")},
        check_write=check_purchase_line,
    ),
    LINE_EXPANSIONS,
)

PURCHASE_ORDER_EXTRA_LINE = with_expansions(
    extra_line(
        "purchaseorderextraline",
        "/api/order/po-extra-line/",
        "purchaseorder",
        verbose_name="Purchase Order Extra Line",
        ruleset="purchase_order",
    ),
    {"order_detail": (order_detail(PURCHASE_ORDER),)},
)

RESOURCES = (PURCHASE_ORDER, PURCHASE_ORDER_LINE_ITEM, PURCHASE_ORDER_EXTRA_LINE)
