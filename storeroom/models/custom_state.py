"""Custom states (`/api/generic/status/custom/`): a tenant's own values of a status class, each
standing for one of the class's built-in (logical) keys. The rules on `logical_key` and `key`
(NOTES.md, "generic/status") belong to the states capability; this declares the fields."""

from __future__ import annotations

from storeroom.api.fields import Field
from storeroom.models.declare import model

STATUS_CLASSES = (
    "BuildStatus",
    "DataImportStatusCode",
    "MachineStatus",
    "PurchaseOrderStatus",
    "ReturnOrderLineStatus",
    "ReturnOrderStatus",
    "SalesOrderStatus",
    "StockHistoryCode",
    "StockStatus",
)
COLORS = ("primary", "secondary", "success", "danger", "warning", "info", "dark")

CUSTOM_STATE = model(
    "inventreecustomuserstatemodel",
    "/api/generic/status/custom/",
    app_label="common",
    verbose_name="Custom State",
    ruleset="admin",
    fields=(
        Field("key", "int", required=True),
        Field("name", "str", required=True, max_length=250),
        Field("label", "str", required=True, max_length=250),
        Field("color", "str", max_length=10, default="secondary", choices=COLORS),
        Field("logical_key", "int", required=True),
        # A content type's pk (the model whose status field the state extends), not a relation:
        # content types are the same for every tenant and are not stored in tenant data.
        Field("model", "int", required=True, nullable=True),
        Field("reference_status", "str", required=True, max_length=250, choices=STATUS_CLASSES),
    ),
    # A key or a name means one state of its class.
    unique=(("reference_status", "key"), ("reference_status", "name")),
    ordering=("key",),
    default_ordering=("key",),
    search=("name", "label", "reference_status"),
)

RESOURCES = (CUSTOM_STATE,)
