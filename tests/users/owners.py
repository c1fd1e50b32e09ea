"""Factories for owners: groups (with members) and users of a tenant, made in the platform
database as accounts and the CLI make them (the API makes neither)."""

from __future__ import annotations

import sqlalchemy as sa
from litestar import Litestar

from storeroom.api.context import ApiContext
from storeroom.auth.tables import group_table, user_group_table
from tests.conftest import make_user_in


async def make_group(
    app: Litestar, name: str, account: str = "default", members: tuple[int, ...] = ()
) -> int:
    """A group of the tenant with these users in it; its id."""
    context: ApiContext = app.state.api
    account = await context.tenants.ensure(account)
    async with context.databases.platform.begin() as connection:
        made = await connection.execute(sa.insert(group_table).values(account=account, name=name))
        group_id = int(made.inserted_primary_key[0])  # type: ignore[index]
        for user_id in members:
            await connection.execute(
                sa.insert(user_group_table).values(user_id=user_id, group_id=group_id)
            )
    return group_id


async def user_owner(app: Litestar, username: str, account: str = "default") -> int:
    """A new user's owner pk (a user's id times two, auth/owners.py)."""
    return await make_user_in(app, username, account=account) * 2


async def group_owner(
    app: Litestar, name: str, account: str = "default", members: tuple[int, ...] = ()
) -> int:
    """A new group's owner pk (its id times two plus one)."""
    return await make_group(app, name, account, members) * 2 + 1
