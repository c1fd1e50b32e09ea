"""Sessions, tokens and the current user's own record."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.auth.accounts import same_username
from storeroom.auth.identity import Identity
from storeroom.auth.secrets import hash_key, new_key
from storeroom.auth.tables import (
    group_table,
    session_table,
    token_table,
    user_group_table,
    user_table,
)
from storeroom.errors import Forbidden, Invalid, NotFound

PROTECTED_FLAGS = ("is_staff", "is_superuser", "is_active")
EDITABLE = {"username": 150, "first_name": 150, "last_name": 150, "email": 254}
LAST_SUPERUSER = (
    "You are the last active superuser of this tenant: make another superuser before deleting "
    "yourself."
)


async def start_session(
    connection: AsyncConnection, identity: Identity, age_seconds: int
) -> tuple[str, str]:
    """A new session for the user: (session key, CSRF token); only their hashes are stored."""
    key, csrf = new_key(), new_key()
    now = datetime.now(UTC)
    await connection.execute(
        sa.insert(session_table).values(
            user_id=identity.user_id,
            key_hash=hash_key(key),
            csrf_hash=hash_key(csrf),
            created=now,
            expires=now + timedelta(seconds=age_seconds),
        )
    )
    await connection.execute(
        sa.update(user_table).where(user_table.c.id == identity.user_id).values(last_login=now)
    )
    return key, csrf


async def end_session(connection: AsyncConnection, identity: Identity, token: str | None) -> None:
    if identity.session_id is not None:
        await connection.execute(
            sa.delete(session_table).where(session_table.c.id == identity.session_id)
        )
    if token:
        await connection.execute(
            sa.update(token_table)
            .where(token_table.c.key_hash == hash_key(token))
            .values(revoked=True)
        )


async def issue_token(connection: AsyncConnection, identity: Identity, name: str) -> dict[str, Any]:
    """A new token; an existing token of the same name is revoked (keys are never shown twice)."""
    if identity.is_system or identity.user_id == 0:
        raise Forbidden("System users cannot hold tokens.")
    if len(name) > 100:
        raise Invalid.field("name", "Ensure this field has no more than 100 characters.")
    await connection.execute(
        sa.update(token_table)
        .where(token_table.c.user_id == identity.user_id, token_table.c.name == name)
        .values(revoked=True)
    )
    key = new_key()
    await connection.execute(
        sa.insert(token_table).values(
            user_id=identity.user_id, name=name, key_hash=hash_key(key), created=datetime.now(UTC)
        )
    )
    return {"token": key, "name": name, "expiry": None}


async def me(connection: AsyncConnection, identity: Identity) -> dict[str, Any]:
    row = (
        await connection.execute(sa.select(user_table).where(user_table.c.id == identity.user_id))
    ).first()
    if row is None:
        raise NotFound()
    groups = await connection.execute(
        sa.select(group_table.c.id, group_table.c.name)
        .join(user_group_table, user_group_table.c.group_id == group_table.c.id)
        .where(user_group_table.c.user_id == identity.user_id)
        .order_by(group_table.c.name)
    )
    return {
        "pk": row.id,
        "username": row.username,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "email": row.email,
        "groups": [{"pk": group.id, "name": group.name} for group in groups],
        "is_staff": row.is_staff,
        "is_superuser": row.is_superuser,
        "is_active": row.is_active,
    }


async def update_me(
    connection: AsyncConnection, identity: Identity, body: dict[str, Any], partial: bool
) -> dict[str, Any]:
    current = await me(connection, identity)
    # The schema lets /api/user/me/ write is_staff; we answer 403, or any user could promote
    # themselves (docs/api-behaviour.md, "Known contradictions").
    for flag in PROTECTED_FLAGS:
        if flag in body and body[flag] != current[flag]:
            raise Forbidden(f"You cannot change your own {flag}.")
    values: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    for name, limit in EDITABLE.items():
        if name not in body:
            if not partial and name == "username":
                errors[name] = ["This field is required."]
            continue
        value = body[name]
        if not isinstance(value, str):
            errors[name] = ["Not a valid string."]
        elif len(value) > limit:
            errors[name] = [f"Ensure this field has no more than {limit} characters."]
        elif name == "username" and not value.strip():
            errors[name] = ["This field may not be blank."]
        elif name == "email" and value and "@" not in value:
            errors[name] = ["Enter a valid email address."]
        else:
            values[name] = value
    if errors:
        raise Invalid(errors)
    if values.get("username", current["username"]) != current["username"]:
        taken = await connection.scalar(
            sa.select(user_table.c.id).where(
                same_username(values["username"]), user_table.c.id != identity.user_id
            )
        )
        if taken is not None:
            raise Invalid.field("username", "A user with that username already exists.")
    if values:
        await connection.execute(
            sa.update(user_table).where(user_table.c.id == identity.user_id).values(**values)
        )
    return await me(connection, identity)


async def delete_me(connection: AsyncConnection, identity: Identity) -> None:
    row = (
        await connection.execute(
            sa.select(user_table.c.account, user_table.c.is_superuser, user_table.c.is_active)
            .where(user_table.c.id == identity.user_id)
            .with_for_update()
        )
    ).first()
    if row is not None and row.is_superuser and row.is_active:
        others = await connection.scalar(
            sa.select(sa.func.count()).where(
                user_table.c.account == row.account,
                user_table.c.is_superuser,
                user_table.c.is_active,
                user_table.c.id != identity.user_id,
            )
        )
        if not others:
            # Nobody could administer the tenant (on the default tenant: the server) any more.
            raise Invalid(general=[LAST_SUPERUSER])
    await connection.execute(sa.delete(user_table).where(user_table.c.id == identity.user_id))
