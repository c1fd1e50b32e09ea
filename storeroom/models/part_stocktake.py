"""Stocktake records of parts (`/api/part/stocktake/`, InvenTree's PartStocktake): how many items
and how much of a part there was on a date, and what it was worth; and the stocktake reports
(`/api/part/stocktake/report/`, InvenTree's PartStocktakeReport), CSV files that a background job
writes (parts/stocktake.py)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field
from storeroom.models.clock import today
from storeroom.models.declare import model
from storeroom.models.defaults import in_default_currency
from storeroom.models.expressions import table
from storeroom.models.status_classes import CURRENCIES


async def mark_part(connection: Any, pk: int) -> None:
    """A part's `last_stocktake` is its newest stocktake's date (InvenTree's post-save hook)."""
    stocktake, part = table("partstocktake"), table("part")
    counted = sa.select(stocktake.c.part, stocktake.c.date).where(stocktake.c.id == pk)
    row = (await connection.execute(counted)).one()
    await connection.execute(
        sa.update(part).where(part.c.id == row.part).values(last_stocktake=row.date)
    )


PART_STOCKTAKE = model(
    "partstocktake",
    "/api/part/stocktake/",
    app_label="part",
    verbose_name="Part Stocktake",
    ruleset="part",
    fields=(
        Field("date", "date", read_only=True, default=today),
        # A part's stocktakes go with it (InvenTree's CASCADE).
        Field("part", "fk", required=True, relation="part", on_delete="cascade"),
        Field("item_count", "int", default=1),
        Field("quantity", "float", required=True),
        Field("cost_min", "decimal", nullable=True),
        Field("cost_min_currency", "str", max_length=3, default="USD", choices=CURRENCIES),
        Field("cost_max", "decimal", nullable=True),
        Field("cost_max_currency", "str", max_length=3, default="USD", choices=CURRENCIES),
        Field("note", "str", max_length=250, default=""),
        # Set from the caller on create (parts/stocktake_routes.py): users are platform rows.
        Field("user", "int", read_only=True, nullable=True),
        Field("user_detail", "json", read_only=True),
    ),
    filters=("part", "user"),
    ordering=("part", "item_count", "quantity", "date", "user"),
    default_ordering=("-pk",),
    create_defaults=in_default_currency("cost_min_currency", "cost_max_currency"),
    # POST is served by parts/stocktake_routes.py: it records the caller as `user`.
    served_by_capability=frozenset({"create"}),
    after_write=mark_part,
)

# Where report files are served from (parts/stocktake_routes.py): `<REPORT_URL><32 hex>/<name>`.
REPORT_URL = "/api/part/stocktake/report/file/"

PART_STOCKTAKE_REPORT = model(
    "partstocktakereport",
    "/api/part/stocktake/report/",
    app_label="part",
    verbose_name="Part Stocktake Report",
    ruleset="part",
    fields=(
        Field("date", "date", read_only=True, default=today),
        # The URL of the CSV file, written by the generate job.
        Field("report", "str", read_only=True, max_length=300, default=""),
        Field("part_count", "int", read_only=True, default=0),
        Field("user", "int", read_only=True, nullable=True),
        Field("user_detail", "json", read_only=True),
    ),
    ordering=("date",),
    default_ordering=("-pk",),
    # Made only by POST generate/ (a job); DELETE is parts/stocktake_routes.py's: the file goes too.
    operations=frozenset({"list", "detail", "update", "delete"}),
    served_by_capability=frozenset({"delete"}),
)

RESOURCES = (PART_STOCKTAKE, PART_STOCKTAKE_REPORT)
