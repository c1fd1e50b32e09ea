"""Writing stock tracking entries (`/api/stock/track/` reads them): one per item and movement, with
InvenTree's tracking code, the changes as `deltas`, the user, the date and the notes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.models.clock import now
from storeroom.models.stock_history import STOCK_ITEM_TRACKING

tracking = STOCK_ITEM_TRACKING.table
# The tracking table's notes column holds at most this many characters.
NOTES_LENGTH = 512


async def add_tracking(
    connection: AsyncConnection,
    item_ids: Sequence[int],
    code: int,
    *,
    user_id: int | None,
    notes: str = "",
    deltas: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
) -> None:
    """One entry per item: `deltas` is one mapping for all of them, or one per item."""
    if not item_ids:
        return
    if deltas is None or isinstance(deltas, Mapping):
        each: Sequence[Mapping[str, Any]] = [deltas or {}] * len(item_ids)
    else:
        each = deltas
    if len(each) != len(item_ids):
        raise ValueError("add_tracking: one deltas mapping per item, or one for all.")
    moment = now()
    rows = [
        {
            "item": pk,
            "date": moment,
            "deltas": dict(changes),
            "notes": (notes or "")[:NOTES_LENGTH],
            "tracking_type": code,
            "user": user_id,
        }
        for pk, changes in zip(item_ids, each, strict=True)
    ]
    await connection.execute(sa.insert(tracking), rows)


async def copy_history(connection: AsyncConnection, source: int, target: int) -> None:
    """Give `target` a copy of `source`'s entries (a split item keeps its parent's history, as
    InvenTree's copyHistoryFrom)."""
    columns = ["date", "deltas", "notes", "tracking_type", "user", "metadata"]
    copied = sa.select(
        sa.literal(target).label("item"), *(tracking.c[name] for name in columns)
    ).where(tracking.c.item == source)
    await connection.execute(sa.insert(tracking).from_select(["item", *columns], copied))
