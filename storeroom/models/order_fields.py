"""What purchase, sales and return orders share (InvenTree's abstract `Order` and its line
models): the order's own fields and filters, and the extra lines every order type has."""

from __future__ import annotations

from typing import Any

from storeroom.api.fields import Field
from storeroom.api.resource import Filter, Resource
from storeroom.models.clock import today
from storeroom.models.declare import model
from storeroom.models.defaults import in_default_currency, one
from storeroom.models.expressions import Condition, count_of, overdue, related_value
from storeroom.models.filters import is_set, status_in
from storeroom.models.order_details import detail_of, total_price
from storeroom.models.order_owners import owner_filters, responsible_fields
from storeroom.models.status_classes import CURRENCIES
from storeroom.models.status_fields import status_fields, status_filter

# Columns added to the three order tables by this revision.
ADDED = "c0ffee000013"


def order_fields(
    lines: str,
    status_class: str,
    open_codes: tuple[int, ...],
    completed: Condition,
    priced: tuple[str, str, str],
) -> tuple[Field, ...]:
    """The fields every order has: `lines` is its line model, `completed` says which lines are
    done, `status_class` names its status class, `priced` is (the order's company column, its
    lines' price and quantity columns; no quantity: a line counts once)."""
    company, price, quantity = priced
    return (
        Field("creation_date", "date", nullable=True, default=today),
        Field("target_date", "date", nullable=True),
        Field("description", "str", max_length=250, default=""),
        Field(
            "line_items", "int", read_only=True, stored=False, expression=count_of(lines, "order")
        ),
        Field(
            "completed_lines",
            "int",
            read_only=True,
            stored=False,
            expression=count_of(lines, "order", completed),
        ),
        Field("link", "str", max_length=200, default=""),
        # Deleting a project code, contact or address clears it here (InvenTree's SET_NULL).
        Field("project_code", "fk", nullable=True, relation="projectcode", on_delete="set_null"),
        Field(
            "project_code_label",
            "str",
            read_only=True,
            nullable=True,  # when the relation is empty
            stored=False,
            expression=related_value("code", ("project_code", "projectcode")),
        ),
        # InvenTree stores up to 64 characters; its schema leaves the length out. A create
        # without it gets the next one of the order type's pattern (models/references.py).
        Field("reference", "str", required=True, max_length=64),
        Field("contact", "fk", nullable=True, relation="contact", on_delete="set_null"),
        Field("address", "fk", nullable=True, relation="address", on_delete="set_null"),
        # Changed by the order's workflow (issue, hold, complete, cancel), never written directly.
        *status_fields(status_class, writable=False),
        Field("overdue", "bool", read_only=True, stored=False, expression=overdue(open_codes)),
        # Blank or null: the company's currency applies.
        Field("order_currency", "str", nullable=True, max_length=3, choices=("", *CURRENCIES)),
        Field(
            "total_price",
            "decimal",
            read_only=True,
            nullable=True,  # an exchange rate is missing
            stored=False,
            expression=total_price(company, lines, price, quantity),
        ),
        # An owner's pk: a user or group of the tenant (models/order_owners.py).
        *responsible_fields(ADDED),
        # A barcode linked to the order (InvenTree's InvenTreeBarcodeMixin); none can be linked
        # through the API yet.
        Field("barcode_hash", "str", read_only=True, max_length=128, default="", added_in=ADDED),
        *(
            Field(
                f"{name}_detail",
                "json",
                read_only=True,
                nullable=True,  # when the relation is empty
                stored=False,
                expression=detail_of(name, model_type),
            )
            for name, model_type in (
                ("contact", "contact"),
                ("address", "address"),
                ("project_code", "projectcode"),
            )
        ),
    )


def order_filters(
    model_type: str, status_class: str, open_codes: tuple[int, ...]
) -> tuple[str | Filter, ...]:
    return (
        "reference",
        status_filter(model_type, status_class),
        "project_code",
        "overdue",
        status_in("outstanding", model_type, open_codes),
        is_set("has_project_code", model_type, "project_code"),
        *owner_filters(model_type),
    )


ORDER_ORDERING = (
    "reference",
    "creation_date",
    "target_date",
    "status",
    "line_items",
    "project_code",
)


def line_fields(order_type: str, has_target_date: bool = True) -> tuple[Field, ...]:
    """What every line of an order has; its part and price fields differ per order type."""
    return (
        Field("reference", "str", max_length=100, default=""),
        Field("notes", "str", max_length=500, default=""),
        # An order's lines go with it (InvenTree's CASCADE).
        Field("order", "fk", required=True, relation=order_type, on_delete="cascade"),
        *((Field("target_date", "date", nullable=True),) if has_target_date else ()),
        Field("link", "str", max_length=200, default=""),
    )


def extra_line(model_type: str, path: str, order_type: str, **declaration: Any) -> Resource:
    """An order's extra line: a priced line that is not a part (shipping, a fee)."""
    return model(
        model_type,
        path,
        app_label="order",
        fields=(
            Field("description", "str", max_length=250, default=""),
            Field("quantity", "float", required=True),
            *line_fields(order_type, has_target_date=False),
            Field("context", "json", nullable=True),
            Field("price", "decimal", nullable=True),
            Field("price_currency", "str", max_length=3, default="USD", choices=CURRENCIES),
        ),
        filters=("order",),
        ordering=("quantity", "reference", "notes", "description"),
        search=("reference", "notes", "description"),
        create_defaults={"quantity": one, **in_default_currency("price_currency")},
        **declaration,
    )
