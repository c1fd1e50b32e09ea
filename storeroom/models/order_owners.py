"""The `responsible` owner of orders and builds (InvenTree's `responsible` foreign key to
users.Owner): its field, its nested `responsible_detail`, and the `assigned_to` and
`assigned_to_me` filters. Owners are the tenant's users and groups (auth/owners.py): their
pk is checked and their detail read against the platform database (api/platform_references.py)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field, parse_bool, parse_int
from storeroom.api.platform_references import PlatformReference
from storeroom.api.resource import Filter
from storeroom.auth.caller import Caller
from storeroom.auth.owners import find_owners, owners_of
from storeroom.db.fastread import FastReader
from storeroom.errors import Invalid
from storeroom.models.expressions import table

RESPONSIBLE = PlatformReference("responsible", "responsible_detail", find_owners)
# DRF's ModelChoiceFilter, for an owner that is not one of the tenant's.
NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def responsible_fields(added_in: str) -> tuple[Field, ...]:
    return (
        Field("responsible", "int", nullable=True, added_in=added_in),
        Field(
            "responsible_detail",
            "json",
            read_only=True,
            nullable=True,  # no owner, or the user or group is gone
            stored=False,
            # Filled from the platform for the rows read (RESPONSIBLE).
            expression=lambda row: sa.null(),
        ),
    )


def owner_filters(model_type: str) -> tuple[Filter, ...]:
    def column() -> sa.ColumnElement[Any]:
        return table(model_type).c.responsible

    async def known_owner(pk: int, caller: Caller, reader: FastReader) -> int:
        account = caller.identity.account if caller.identity else ""
        if pk not in await find_owners(reader, account, (pk,)):
            raise Invalid.field("assigned_to", NOT_A_CHOICE)
        return pk

    async def mine(wanted: bool, caller: Caller, reader: FastReader) -> tuple[Any, ...]:
        owners = await owners_of(reader, caller.identity) if caller.identity else ()
        return (wanted, owners)

    def assigned_to_me(value: Any) -> sa.ColumnElement[bool]:
        if not isinstance(value, tuple):
            raise Invalid.field("assigned_to_me", "This filter needs a signed-in caller.")
        wanted, owners = value
        mine = sa.or_(sa.false(), *(column() == sa.literal(owner) for owner in owners))
        # InvenTree excludes the caller's owners, which keeps the orders without one.
        return mine if wanted else sa.or_(column().is_(None), sa.not_(mine))

    return (
        Filter("assigned_to", parse_int, lambda value: column() == value, for_caller=known_owner),
        Filter("assigned_to_me", parse_bool, assigned_to_me, for_caller=mine),
    )
