"""Creating and finding users on the platform database."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.auth.secrets import hash_password
from storeroom.auth.tables import user_table
from storeroom.errors import Conflict

USER_COLUMNS = (
    user_table.c.id,
    user_table.c.username,
    user_table.c.account,
    user_table.c.email,
    user_table.c.first_name,
    user_table.c.last_name,
    user_table.c.is_active,
    user_table.c.is_staff,
    user_table.c.is_superuser,
)


async def create_user(
    connection: AsyncConnection,
    account: str,
    username: str,
    password: str = "",
    **attributes: Any,
) -> int:
    """Insert a user. A password user's name must be free in every tenant, whatever its case:
    logins name no tenant, and ignore case."""
    if password:
        taken = await connection.scalar(sa.select(user_table.c.id).where(same_username(username)))
        if taken is not None:
            raise Conflict(f"A user named {username} already exists.")
    result = await connection.execute(
        sa.insert(user_table).values(
            account=account,
            username=username,
            password_hash=hash_password(password) if password else "",
            date_joined=datetime.now(UTC),
            **attributes,
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def same_username(username: str) -> sa.ColumnElement[bool]:
    """Usernames that are this one but for case: InvenTree's (django-allauth's) usernames are one
    whatever their case (`Admin` is `admin`), for logins and for new users alike."""
    return sa.func.lower(user_table.c.username) == sa.func.lower(sa.literal(username))


async def set_password(connection: AsyncConnection, user_id: int, password: str) -> None:
    await connection.execute(
        sa.update(user_table)
        .where(user_table.c.id == user_id)
        .values(password_hash=hash_password(password))
    )


async def find_user_id(connection: AsyncConnection, account: str, username: str) -> int | None:
    found = await connection.scalar(
        sa.select(user_table.c.id).where(
            user_table.c.account == account, user_table.c.username == username
        )
    )
    return None if found is None else int(found)
