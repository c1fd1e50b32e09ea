"""Sales orders (`/api/order/so/`): parts sold to a customer, their lines, extra lines and
shipments."""

from __future__ import annotations

import dataclasses

from storeroom.api.fields import Field, parse_int
from storeroom.models.declare import model
from storeroom.models.defaults import in_default_currency, one
from storeroom.models.expressions import related_value, total_of
from storeroom.models.filters import condition, is_set, related_status_in, through
from storeroom.models.order_allocations import check_allocation
from storeroom.models.order_expansions import fields_of, nested, order_detail, with_expansions
from storeroom.models.order_fields import (
    ORDER_ORDERING,
    extra_line,
    line_fields,
    order_fields,
    order_filters,
)
from storeroom.models.order_lines import (
    line_overdue,
    part_available,
    part_building,
    part_on_order,
)
from storeroom.models.order_owners import RESPONSIBLE
from storeroom.models.part import PART
from storeroom.models.references import generated_reference, reference_check
from storeroom.models.status_classes import CURRENCIES
from storeroom.models.stock import STOCK_ITEM, STOCK_LOCATION
from storeroom.models.stock_expansions import LOCATION_BRIEF, PART_BRIEF

# SalesOrderStatusGroups.OPEN: pending, in progress, on hold; COMPLETE: shipped, complete.
OPEN = (10, 15, 25)
COMPLETE = (20, 30)

SALES_ORDER = model(
    "salesorder",
    "/api/order/so/",
    app_label="order",
    verbose_name="Sales Order",
    ruleset="sales_order",
    fields=(
        *order_fields(
            "salesorderlineitem",
            "SalesOrderStatus",
            OPEN,
            lambda line: line.c.shipped >= line.c.quantity,
            ("customer", "sale_price", "quantity"),
        ),
        # Deleting the customer keeps its orders, without a customer (InvenTree's SET_NULL).
        Field("customer", "fk", nullable=True, relation="company", on_delete="set_null"),
        Field("customer_reference", "str", max_length=64, default=""),
        # Set when the order ships, a workflow of its own.
        Field("shipment_date", "date", read_only=True, nullable=True),
    ),
    unique=(("reference",),),
    filters=("customer", *order_filters("salesorder", "SalesOrderStatus", OPEN)),
    ordering=(*ORDER_ORDERING, "customer", "shipment_date"),
    default_ordering=("reference",),
    search=("reference", "description", "customer_reference", "project_code_label"),
    create_defaults={"reference": generated_reference("salesorder")},
    platform_references=(RESPONSIBLE,),
    check_write=reference_check("salesorder"),
)

SALES_ORDER_LINE_ITEM = with_expansions(
    model(
        "salesorderlineitem",
        "/api/order/so-line/",
        app_label="order",
        verbose_name="Sales Order Line Item",
        ruleset="sales_order",
        fields=(
            Field("quantity", "float", required=True),
            *line_fields("salesorder"),
            # Deleting a part keeps the lines that sold it (InvenTree's SET_NULL).
            Field("part", "fk", nullable=True, relation="part", on_delete="set_null"),
            Field("sale_price", "decimal", nullable=True),
            Field("sale_price_currency", "str", max_length=3, default="USD", choices=CURRENCIES),
            # Counted up by shipping, a workflow of its own.
            Field("shipped", "float", read_only=True, default=0.0),
            Field(
                "allocated",
                "float",
                read_only=True,
                stored=False,
                expression=total_of("salesorderallocation", "line", "quantity"),
            ),
            Field(
                "overdue", "bool", read_only=True, stored=False, expression=line_overdue("shipped")
            ),
            Field(
                "available_stock", "float", read_only=True, stored=False, expression=part_available
            ),
            Field("on_order", "float", read_only=True, stored=False, expression=part_on_order),
            Field("building", "float", read_only=True, stored=False, expression=part_building),
        ),
        filters=(
            "order",
            "part",
            through(
                "order_status", "salesorderlineitem", "order", "salesorder", "status", parse_int
            ),
            related_status_in(
                "order_complete", "salesorderlineitem", "order", "salesorder", COMPLETE
            ),
            is_set("has_pricing", "salesorderlineitem", "sale_price"),
            condition(
                "completed", "salesorderlineitem", lambda line: line.c.shipped >= line.c.quantity
            ),
        ),
        ordering=("order", "part", "quantity", "shipped", "reference", "sale_price", "target_date"),
        search=("reference",),
        create_defaults={"quantity": one, **in_default_currency("sale_price_currency")},
    ),
    {
        "part_detail": (nested("part_detail", PART, PART_BRIEF, "part"),),
        "order_detail": (order_detail(SALES_ORDER),),
    },
)

SALES_ORDER_EXTRA_LINE = with_expansions(
    extra_line(
        "salesorderextraline",
        "/api/order/so-extra-line/",
        "salesorder",
        verbose_name="Sales Order Extra Line",
        ruleset="sales_order",
    ),
    {"order_detail": (order_detail(SALES_ORDER),)},
)

SALES_ORDER_SHIPMENT = model(
    "salesordershipment",
    "/api/order/so/shipment/",
    app_label="order",
    verbose_name="Sales Order Shipment",
    ruleset="sales_order",
    fields=(
        # An order's shipments go with it (InvenTree's CASCADE).
        Field("order", "fk", required=True, relation="salesorder", on_delete="cascade"),
        Field("shipment_date", "date", nullable=True),
        Field("delivery_date", "date", nullable=True),
        Field("reference", "str", max_length=100, default="1"),
        Field("tracking_number", "str", max_length=100, default=""),
        Field("invoice_number", "str", max_length=100, default=""),
        Field("link", "str", max_length=200, default=""),
        # Always answered, as InvenTree's SalesOrderShipmentSerializer does (never null: a
        # shipment's order is required).
        dataclasses.replace(order_detail(SALES_ORDER), nullable=False),
    ),
    # Shipment numbers are unique within an order.
    unique=(("order", "reference"),),
    filters=(
        "order",
        is_set("shipped", "salesordershipment", "shipment_date"),
        is_set("delivered", "salesordershipment", "delivery_date"),
    ),
    ordering=("reference", "shipment_date", "delivery_date"),
    search=("reference", "tracking_number", "invoice_number"),
)

SALES_ORDER_ALLOCATION = with_expansions(
    model(
        "salesorderallocation",
        "/api/order/so-allocation/",
        app_label="order",
        verbose_name="Sales Order Allocation",
        ruleset="sales_order",
        fields=(
            # A line's allocations go with it, and so do an item's (InvenTree's CASCADE).
            Field("line", "fk", required=True, relation="salesorderlineitem", on_delete="cascade"),
            Field("item", "fk", required=True, relation="stockitem", on_delete="cascade"),
            Field("quantity", "float", required=True),
            # Deleting a shipment takes its allocations with it (InvenTree's CASCADE).
            Field(
                "shipment",
                "fk",
                required=True,
                nullable=True,
                relation="salesordershipment",
                on_delete="cascade",
            ),
            Field(
                "serial",
                "str",
                read_only=True,
                nullable=True,
                stored=False,
                expression=related_value("serial", ("item", "stockitem")),
            ),
            Field(
                "location",
                "int",
                read_only=True,
                nullable=True,
                stored=False,
                expression=related_value("location", ("item", "stockitem")),
            ),
            Field(
                "order",
                "int",
                read_only=True,
                stored=False,
                expression=related_value("order", ("line", "salesorderlineitem")),
            ),
            Field(
                "part",
                "int",
                read_only=True,
                nullable=True,
                stored=False,
                expression=related_value("part", ("item", "stockitem")),
            ),
            Field(
                "shipment_date",
                "date",
                read_only=True,
                nullable=True,
                stored=False,
                expression=related_value("shipment_date", ("shipment", "salesordershipment")),
            ),
        ),
        filters=("line", "item", "shipment"),
        check_write=check_allocation,
    ),
    # InvenTree's SalesOrderAllocationSerializer: the item, its part and location, the order.
    {
        "item_detail": (nested("item_detail", STOCK_ITEM, fields_of(STOCK_ITEM), "item"),),
        "part_detail": (
            nested("part_detail", PART, PART_BRIEF, "item", through=("stockitem", "part")),
        ),
        "order_detail": (
            nested(
                "order_detail",
                SALES_ORDER,
                fields_of(SALES_ORDER),
                "line",
                through=("salesorderlineitem", "order"),
            ),
        ),
        "location_detail": (
            nested(
                "location_detail",
                STOCK_LOCATION,
                LOCATION_BRIEF,
                "item",
                through=("stockitem", "location"),
            ),
        ),
    },
)

RESOURCES = (
    SALES_ORDER,
    SALES_ORDER_LINE_ITEM,
    SALES_ORDER_EXTRA_LINE,
    SALES_ORDER_SHIPMENT,
)
