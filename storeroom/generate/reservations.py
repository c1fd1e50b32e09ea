"""Serial numbers handed out but not yet used, held in the tenant's database so that no two
requests, in any worker process, are given the same number.

Choosing is one transaction: lock the variant family's root part row (`FOR UPDATE` on PostgreSQL;
SQLite's transactions take the write lock when they begin), read the serials in use and reserved,
store the new reservations. The unique constraint on (part, serial) is the last guard: should two
choices ever collide, the later one fails and is made again. A reservation expires after
`RESERVATION_SECONDS`, so numbers nobody used become free again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.generate.tables import serial_reservation_table as reservation
from storeroom.models.expressions import table

RESERVATION_SECONDS = 600.0


async def lock_family(connection: AsyncConnection, root: int) -> None:
    """Wait for any other transaction choosing serials for the same family to finish."""
    part = table("part")
    await connection.execute(sa.select(part.c.id).where(part.c.id == root).with_for_update())


async def reserved(connection: AsyncConnection, root: int, now: datetime) -> set[str]:
    """The family's reserved serials; expired reservations are deleted on the way."""
    await connection.execute(
        sa.delete(reservation).where(reservation.c.part == root, reservation.c.expires <= now)
    )
    rows = await connection.execute(
        sa.select(reservation.c.serial).where(reservation.c.part == root)
    )
    return {serial for (serial,) in rows}


async def reserve(
    connection: AsyncConnection, root: int, serials: list[str], now: datetime
) -> None:
    expires = now + timedelta(seconds=RESERVATION_SECONDS)
    await connection.execute(
        sa.insert(reservation),
        [{"part": root, "serial": serial, "expires": expires} for serial in serials],
    )
