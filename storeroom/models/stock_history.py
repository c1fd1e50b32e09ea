"""What happened to a stock item: its tracking history (`/api/stock/track/`) and its test
results (`/api/stock/test/`)."""

from __future__ import annotations

from storeroom.api.fields import Field, parse_bool, parse_int
from storeroom.models.clock import now
from storeroom.models.declare import model
from storeroom.models.filters import through
from storeroom.models.status_classes import STOCK_HISTORY_CODE

STOCK_ITEM_TRACKING = model(
    "stockitemtracking",
    "/api/stock/track/",
    app_label="stock",
    verbose_name="Stock Item Tracking",
    ruleset="stock",
    fields=(
        # An item's history goes with it (InvenTree's CASCADE).
        Field("item", "fk", required=True, relation="stockitem", on_delete="cascade"),
        Field("date", "datetime", read_only=True, default=now),
        # What the entry records and its changes are written by the stock operations, never by
        # a client (read-only in the contract): an entry made through the API is LEGACY (0),
        # with no changes ({}).
        Field("deltas", "json", read_only=True, default=dict),
        Field("notes", "str", nullable=True, max_length=512),
        Field(
            "tracking_type",
            "int",
            read_only=True,
            default=STOCK_HISTORY_CODE[0],
            choices=STOCK_HISTORY_CODE,
        ),
        # Who made the movement (a platform user's pk: users live in the platform database).
        Field("user", "int", read_only=True, nullable=True, added_in="c0ffee000008"),
    ),
    filters=("item",),
    ordering=("date", "item"),
    default_ordering=("-date",),
    search=("notes",),
)

STOCK_ITEM_TEST_RESULT = model(
    "stockitemtestresult",
    "/api/stock/test/",
    app_label="stock",
    verbose_name="Stock Item Test Result",
    ruleset="stock",
    # InvenTree serves a bulk DELETE on this list too.
    inventree_bulk_delete=True,
    fields=(
        # An item's test results go with it, and with their template (InvenTree's CASCADE).
        Field("stock_item", "fk", required=True, relation="stockitem", on_delete="cascade"),
        Field("result", "bool", default=False),
        Field("value", "str", max_length=500, default=""),
        Field("notes", "str", max_length=500, default=""),
        Field("test_station", "str", max_length=500, default=""),
        Field("started_datetime", "datetime", nullable=True),
        Field("finished_datetime", "datetime", nullable=True),
        Field("date", "datetime", read_only=True, default=now),
        Field("template", "fk", nullable=True, relation="parttesttemplate", on_delete="cascade"),
    ),
    # `stock_item` is not in the contract's parameters, but InvenTree serves it and its clients
    # list an item's results with it.
    filters=(
        "stock_item",
        "template",
        "result",
        "value",
        through("part", "stockitemtestresult", "stock_item", "stockitem", "part", parse_int),
        through("build", "stockitemtestresult", "stock_item", "stockitem", "build", parse_int),
        through(
            "enabled", "stockitemtestresult", "template", "parttesttemplate", "enabled", parse_bool
        ),
        through(
            "required",
            "stockitemtestresult",
            "template",
            "parttesttemplate",
            "required",
            parse_bool,
        ),
    ),
    ordering=("date", "result"),
    default_ordering=("-date",),
    search=("value", "notes", "test_station"),
)

RESOURCES = (STOCK_ITEM_TRACKING, STOCK_ITEM_TEST_RESULT)
