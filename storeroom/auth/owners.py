"""Owners (InvenTree's `users.Owner`): a user or a group of the tenant, as one list.

No table holds them. An owner's pk is derived from the row it names: a user's id times two, a
group's id times two plus one. Users and groups are platform rows made and removed by accounts,
the CLI and the identity header, so a table of owners would have to be kept in step with every
one of those paths; a derived pk needs no step at all, an owner's name is always its row's, and a
deleted user or group is simply no longer an owner. Every read is bound to the tenant's account:
another tenant's users and groups are never owners here.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import sqlalchemy as sa

from storeroom.auth.identity import Identity
from storeroom.auth.tables import group_table, user_group_table, user_table
from storeroom.db.fastread import CompiledRead, FastReader, compile_read

USER, GROUP = "user", "group"
# Keys looked up per statement: a lookup of fewer is padded with a key that names nothing, so one
# compiled statement serves every page.
BATCH = 50
OwnerRow = dict[str, Any]


def user_owner(user_id: int) -> int:
    return user_id * 2


def group_owner(group_id: int) -> int:
    return group_id * 2 + 1


def owner_rows(users: sa.ColumnElement[bool], groups: sa.ColumnElement[bool]) -> sa.Subquery:
    """The tenant's owners as (pk, owner_id, name, label, account, is_active), the users kept by
    `users` and the groups by `groups`."""
    return sa.union_all(
        sa.select(
            (user_table.c.id * 2).label("pk"),
            user_table.c.id.label("owner_id"),
            user_table.c.username.label("name"),
            sa.literal_column(f"'{USER}'").label("label"),
            user_table.c.account,
            user_table.c.is_active,
        ).where(users),
        sa.select(
            (group_table.c.id * 2 + 1).label("pk"),
            group_table.c.id.label("owner_id"),
            group_table.c.name.label("name"),
            sa.literal_column(f"'{GROUP}'").label("label"),
            group_table.c.account,
            sa.true().label("is_active"),
        ).where(groups),
    ).subquery("owner")


def as_owner(row: tuple[Any, ...]) -> OwnerRow:
    pk, owner_id, name, label = row[:4]
    return {"pk": int(pk), "owner_id": int(owner_id), "name": name, "label": label}


@cache
def _lookup(dialect: sa.Dialect) -> CompiledRead:
    users = [sa.bindparam(f"user_{index}", type_=sa.Integer) for index in range(BATCH)]
    groups = [sa.bindparam(f"group_{index}", type_=sa.Integer) for index in range(BATCH)]
    account = sa.bindparam("account", type_=sa.String)
    rows = owner_rows(
        sa.and_(user_table.c.account == account, user_table.c.id.in_(users)),
        sa.and_(group_table.c.account == account, group_table.c.id.in_(groups)),
    )
    return compile_read(sa.select(rows.c.pk, rows.c.owner_id, rows.c.name, rows.c.label), dialect)


async def find_owners(reader: FastReader, account: str, pks: Iterable[int]) -> dict[int, OwnerRow]:
    """The tenant's owners among `pks`, by pk (a pk that names nothing is left out)."""
    wanted = sorted({pk for pk in pks if pk >= 0})
    found: dict[int, OwnerRow] = {}
    for start in range(0, len(wanted), BATCH):
        batch = wanted[start : start + BATCH]
        users = [pk // 2 for pk in batch if pk % 2 == 0]
        groups = [pk // 2 for pk in batch if pk % 2 == 1]
        params: dict[str, Any] = {"account": account}
        for index in range(BATCH):
            params[f"user_{index}"] = users[index] if index < len(users) else -1
            params[f"group_{index}"] = groups[index] if index < len(groups) else -1
        for row in await reader.fetch_platform(_lookup(reader.dialect), params):
            owner = as_owner(row)
            found[owner["pk"]] = owner
    return found


@cache
def _memberships(dialect: sa.Dialect) -> CompiledRead:
    return compile_read(
        sa.select(user_group_table.c.group_id).where(
            user_group_table.c.user_id == sa.bindparam("user_id", type_=sa.Integer)
        ),
        dialect,
    )


async def owners_of(reader: FastReader, identity: Identity) -> tuple[int, ...]:
    """The owners that stand for `identity`: their own user's and each of their groups'
    (InvenTree's Owner.get_owners_matching_user). A system caller has no user row: none."""
    if identity.is_system:
        return ()
    rows = await reader.fetch_platform(_memberships(reader.dialect), {"user_id": identity.user_id})
    return (user_owner(identity.user_id), *sorted(group_owner(int(row[0])) for row in rows))
