"""What happened to a stock item: its tracking history (`/api/stock/track/`) and its test
results (`/api/stock/test/`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.fields import Field, parse_bool, parse_int
from storeroom.api.resource import Resource
from storeroom.models.clock import now
from storeroom.models.declare import model
from storeroom.models.expressions import table
from storeroom.models.filters import through
from storeroom.models.status_classes import STOCK_HISTORY_CODE
from storeroom.models.stock_details import is_asked
from storeroom.models.stock_track_details import ITEM_DETAIL, USER_DETAIL, USERS

# StockHistoryCode.CREATED and EDITED (storeroom/stock/codes.py names them all).
CREATED, EDITED = 1, 5


async def record_write(connection: AsyncConnection, pk: int) -> None:
    """The after-write hook of stock items written through `/api/stock/`: the first write of an
    item is its creation (CREATED, with its status, quantity and location), a later one an edit
    (EDITED). The generic write does not say who wrote (docs/api-behaviour.md, "Stock
    history"); the ledger's movements record their user."""
    entries, items = table("stockitemtracking"), table("stockitem")
    seen = sa.select(entries.c.id).where(entries.c.item == pk).limit(1)
    has_history = (await connection.execute(seen)).first() is not None
    deltas: dict[str, Any] = {}
    if not has_history:
        row = (await connection.execute(sa.select(items).where(items.c.id == pk))).one()
        deltas = {"status": row.status, "quantity": float(row.quantity)}
        if row.location is not None:
            deltas["location"] = row.location
    await connection.execute(
        sa.insert(entries).values(
            item=pk,
            date=now(),
            deltas=deltas,
            notes="",
            tracking_type=EDITED if has_history else CREATED,
        )
    )


def with_details(params: Mapping[str, Any]) -> Resource | None:
    """`?item_detail=true` / `?user_detail=true` on the tracking list and detail: one of
    TRACKING_VARIANTS, below (models/stock_track_details.py)."""
    chosen = tuple(name for name in ("item_detail", "user_detail") if is_asked(params, name))
    return TRACKING_VARIANTS.get(chosen)


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
    # Written by the stock operations only: read-only, as InvenTree's.
    operations=frozenset({"list", "detail", "export"}),
    filters=("item", "user"),
    expand=with_details,
    ordering=("date", "item"),
    default_ordering=("-date",),
    search=("notes",),
)


def tracking_variant(chosen: tuple[str, ...]) -> Resource:
    added = {"item_detail": ITEM_DETAIL, "user_detail": USER_DETAIL}
    return dataclasses.replace(
        STOCK_ITEM_TRACKING,
        model_type="+".join(("stockitemtracking", *chosen)),
        fields=(*STOCK_ITEM_TRACKING.fields, *(added[name] for name in chosen)),
        platform_references=(USERS,) if "user_detail" in chosen else (),
    )


TRACKING_VARIANTS: dict[tuple[str, ...], Resource] = {
    chosen: tracking_variant(chosen)
    for chosen in (("item_detail",), ("user_detail",), ("item_detail", "user_detail"))
}

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
