"""The states of each order type by name, and the one write every transition makes: the new
status (leaving any custom state behind) with the values it records."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.actions import ActionCall
from storeroom.models.status_classes import (
    PURCHASE_ORDER_STATUS_VALUES,
    RETURN_ORDER_STATUS_VALUES,
    SALES_ORDER_STATUS_VALUES,
    Value,
)


def keys_of(values: tuple[Value, ...]) -> dict[str, int]:
    return {name: key for name, key, _label, _color in values}


PO = keys_of(PURCHASE_ORDER_STATUS_VALUES)
SO = keys_of(SALES_ORDER_STATUS_VALUES)
RO = keys_of(RETURN_ORDER_STATUS_VALUES)


def user_of(call: ActionCall[Any]) -> int | None:
    """The user an action's stock history names (none for a system caller)."""
    return None if call.identity is None or call.identity.is_system else call.identity.user_id


async def set_status(
    connection: AsyncConnection, table: sa.Table, order_id: int, status: int, **values: Any
) -> None:
    await connection.execute(
        sa.update(table)
        .where(table.c.id == order_id)
        .values(status=status, status_custom_key=None, **values)
    )
