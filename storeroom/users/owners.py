"""The owner list and detail (`/api/user/owner/`): the tenant's users and groups as owners
(auth/owners.py), searched as InvenTree's OwnerList searches them."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.auth.owners import OwnerRow, as_owner, find_owners, owner_rows
from storeroom.auth.tables import group_table, user_table
from storeroom.db.fastread import FastReader, compile_read
from storeroom.errors import NotFound


def matching(account: str, search: str, is_active: bool | None) -> sa.Subquery:
    """The tenant's owners whose lowercased name holds every word of `search` (InvenTree's
    OwnerList), and with `is_active` only active (or inactive) users beside every group."""
    rows = owner_rows(user_table.c.account == account, group_table.c.account == account)
    conditions: list[sa.ColumnElement[bool]] = [
        sa.func.lower(rows.c.name).contains(word, autoescape=True)
        for word in search.lower().split()
    ]
    if is_active is not None:
        conditions.append(sa.or_(rows.c.label == "group", rows.c.is_active == is_active))
    return sa.select(rows).where(*conditions).subquery("found")


async def list_owners(
    reader: FastReader,
    account: str,
    search: str,
    is_active: bool | None,
    limit: int | None,
    offset: int,
) -> tuple[list[OwnerRow], int]:
    """A page of the tenant's owners in pk order, and how many there are."""
    found = matching(account, search, is_active)
    page: sa.Select[Any] = sa.select(found.c.pk, found.c.owner_id, found.c.name, found.c.label)
    page = page.order_by(found.c.pk).offset(offset)
    if limit is not None:
        page = page.limit(limit)
    rows = await reader.fetch_platform(compile_read(page, reader.dialect), {})
    counted = sa.select(sa.func.count()).select_from(found)
    count = await reader.fetch_platform(compile_read(counted, reader.dialect), {})
    return [as_owner(row) for row in rows], int(count[0][0])


async def read_owner(reader: FastReader, account: str, pk: int) -> OwnerRow:
    found = (await find_owners(reader, account, (pk,))).get(pk)
    if found is None:
        raise NotFound()
    return found
