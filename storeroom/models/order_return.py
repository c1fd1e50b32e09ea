"""Return orders (`/api/order/ro/`): stock items a customer sends back, one line per item, and
their extra lines."""

from __future__ import annotations

from storeroom.api.fields import Field, parse_int
from storeroom.models.declare import model
from storeroom.models.defaults import in_default_currency
from storeroom.models.filters import is_set, through
from storeroom.models.order_expansions import fields_of, nested, order_detail, with_expansions
from storeroom.models.order_fields import (
    ORDER_ORDERING,
    extra_line,
    line_fields,
    order_fields,
    order_filters,
)
from storeroom.models.order_owners import RESPONSIBLE
from storeroom.models.part import PART
from storeroom.models.references import generated_reference, reference_check
from storeroom.models.status_classes import (
    CURRENCIES,
    RETURN_ORDER_LINE_STATUS,
)
from storeroom.models.stock import STOCK_ITEM
from storeroom.models.stock_expansions import PART_BRIEF

# ReturnOrderStatusGroups.OPEN: pending, in progress, on hold.
OPEN = (10, 20, 25)

RETURN_ORDER = model(
    "returnorder",
    "/api/order/ro/",
    app_label="order",
    verbose_name="Return Order",
    ruleset="return_order",
    fields=(
        # A line is done once its outcome is decided (InvenTree counts lines not PENDING).
        *order_fields(
            "returnorderlineitem",
            "ReturnOrderStatus",
            OPEN,
            lambda line: line.c.outcome != RETURN_ORDER_LINE_STATUS[0],
            # Return lines have no quantity in API 264: each counts once.
            ("customer", "price", ""),
        ),
        # Deleting the customer keeps its orders, without a customer (InvenTree's SET_NULL).
        Field("customer", "fk", nullable=True, relation="company", on_delete="set_null"),
        Field("customer_reference", "str", max_length=64, default=""),
    ),
    unique=(("reference",),),
    filters=("customer", *order_filters("returnorder", "ReturnOrderStatus", OPEN)),
    ordering=(*ORDER_ORDERING, "customer"),
    default_ordering=("reference",),
    search=("reference", "description", "customer_reference", "project_code_label"),
    create_defaults={"reference": generated_reference("returnorder")},
    platform_references=(RESPONSIBLE,),
    check_write=reference_check("returnorder"),
)

RETURN_ORDER_LINE_ITEM = with_expansions(
    model(
        "returnorderlineitem",
        "/api/order/ro-line/",
        app_label="order",
        verbose_name="Return Order Line Item",
        ruleset="return_order",
        fields=(
            *line_fields("returnorder"),
            # A stock item's return lines go with it (InvenTree's CASCADE).
            Field("item", "fk", required=True, relation="stockitem", on_delete="cascade"),
            Field("received_date", "date", nullable=True),
            Field(
                "outcome",
                "int",
                default=RETURN_ORDER_LINE_STATUS[0],
                choices=RETURN_ORDER_LINE_STATUS,
            ),
            Field("price", "decimal", nullable=True),
            Field("price_currency", "str", max_length=3, default="USD", choices=CURRENCIES),
        ),
        # An item is returned once per order.
        unique=(("order", "item"),),
        filters=(
            "order",
            "item",
            "outcome",
            through(
                "order_status", "returnorderlineitem", "order", "returnorder", "status", parse_int
            ),
            is_set("received", "returnorderlineitem", "received_date"),
            is_set("has_pricing", "returnorderlineitem", "price"),
        ),
        ordering=("reference", "target_date", "received_date", "outcome"),
        search=("reference", "notes"),
        create_defaults=in_default_currency("price_currency"),
    ),
    {
        "item_detail": (nested("item_detail", STOCK_ITEM, fields_of(STOCK_ITEM), "item"),),
        # The returned item's part.
        "part_detail": (
            nested("part_detail", PART, PART_BRIEF, "item", through=("stockitem", "part")),
        ),
        "order_detail": (order_detail(RETURN_ORDER),),
    },
)

RETURN_ORDER_EXTRA_LINE = with_expansions(
    extra_line(
        "returnorderextraline",
        "/api/order/ro-extra-line/",
        "returnorder",
        verbose_name="Return Order Extra Line",
        ruleset="return_order",
    ),
    {"order_detail": (order_detail(RETURN_ORDER),)},
)

RESOURCES = (RETURN_ORDER, RETURN_ORDER_LINE_ITEM, RETURN_ORDER_EXTRA_LINE)
