"""The tracking list's optional nested objects (InvenTree's StockTrackingSerializer):
`?item_detail=true` adds the item in StockItemSerializerBrief's form, built by the database for the
page's rows; `?user_detail=true` the user who made the entry (UserSerializer's pk, username,
first_name, last_name, email), read from the platform database for the page's users at once
(api/platform_references.py), null when the user is gone or none is recorded."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field
from storeroom.api.platform_references import PlatformReference
from storeroom.auth.tables import user_table
from storeroom.db.fastread import CompiledRead, FastReader, compile_read
from storeroom.models.expressions import table
from storeroom.models.part import full_name
from storeroom.models.stock_details import JsonObject, JsonValue

USER_FIELDS = ("pk", "username", "first_name", "last_name", "email")
# Users looked up per statement: fewer are padded with a pk that names nobody, so one compiled
# statement serves every page.
BATCH = 50


def key(name: str) -> sa.ColumnElement[Any]:
    return sa.literal_column(f"'{name}'")


def item_brief(owner: sa.Table) -> sa.ColumnElement[Any]:
    item = table("stockitem").alias()
    # An alias reads as its table does.
    part: Any = table("part").alias()
    part_name = sa.select(full_name(part)).where(part.c.id == item.c.part).scalar_subquery()
    values = {
        "part": item.c.part,
        "part_name": part_name,
        "pk": item.c.id,
        "location": item.c.location,
        "quantity": item.c.quantity,
        "serial": item.c.serial,
        "batch": item.c.batch,
        "supplier_part": item.c.supplier_part,
        "barcode_hash": item.c.barcode_hash,
    }
    pairs = [part for name, value in values.items() for part in (key(name), value)]
    found = sa.select(JsonObject(*pairs)).where(item.c.id == owner.c.item)
    return sa.type_coerce(found.scalar_subquery(), JsonValue())


ITEM_DETAIL = Field(
    "item_detail", "json", read_only=True, nullable=True, stored=False, expression=item_brief
)
# Filled from the platform for the rows read (USERS).
USER_DETAIL = Field(
    "user_detail",
    "json",
    read_only=True,
    nullable=True,
    stored=False,
    expression=lambda row: sa.null(),
)


@cache
def _lookup(dialect: sa.Dialect) -> CompiledRead:
    wanted = [sa.bindparam(f"user_{index}", type_=sa.Integer) for index in range(BATCH)]
    account = sa.bindparam("account", type_=sa.String)
    columns = [user_table.c.id, *(user_table.c[name] for name in USER_FIELDS[1:])]
    query = sa.select(*columns).where(user_table.c.account == account, user_table.c.id.in_(wanted))
    return compile_read(query, dialect)


async def find_users(
    reader: FastReader, account: str, pks: Iterable[int]
) -> dict[int, dict[str, Any]]:
    """The account's users among `pks`, by pk, in UserSerializer's form."""
    wanted = sorted(set(pks))
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(wanted), BATCH):
        batch = wanted[start : start + BATCH]
        params: dict[str, Any] = {"account": account}
        for index in range(BATCH):
            params[f"user_{index}"] = batch[index] if index < len(batch) else -1
        for row in await reader.fetch_platform(_lookup(reader.dialect), params):
            found[int(row[0])] = dict(zip(USER_FIELDS, row, strict=True))
    return found


USERS = PlatformReference("user", "user_detail", find_users)
