"""Roles: what a user may do on each ruleset, as InvenTree decides it.

Superusers may do anything in their tenant; staff administer; every other user acts through the
rulesets their groups grant (view / add / change / delete).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from storeroom.auth.identity import Identity
from storeroom.auth.tables import rule_table, user_group_table
from storeroom.db.fastread import CompiledRead, FastReader, compile_read
from storeroom.errors import Forbidden, NotAuthenticated

ACTIONS = ("view", "add", "change", "delete")
RULESETS = (
    "part",
    "part_category",
    "stock",
    "stock_location",
    "build",
    "purchase_order",
    "sales_order",
    "return_order",
    "admin",
)


@dataclass(frozen=True, slots=True)
class Access:
    """Who may use an endpoint: a ruleset of the user's roles, staff only, or superusers only."""

    ruleset: str | None = None
    staff_only: bool = False
    superuser_only: bool = False
    # Any signed-in user may view; only staff may add, change or delete (custom states).
    staff_writes: bool = False


STAFF = Access(staff_only=True)
SUPERUSER = Access(superuser_only=True)


@dataclass(frozen=True, slots=True)
class Permission:
    """What a route requires, declared in its `opt` and enforced by the authentication
    middleware (a Litestar guard would copy the whole handler on every request)."""

    action: str
    access: Access


def requires(action: str, access: Access) -> dict[str, Permission]:
    """The route `opt` entry that declares a permission: `opt=requires("view", STAFF)`."""
    return {"permission": Permission(action, access)}


class RuleReader:
    """Reads a user's granted rulesets with one compiled query."""

    def __init__(self, reader: FastReader) -> None:
        self.reader = reader
        self._compiled: CompiledRead = compile_read(
            sa.select(
                rule_table.c.ruleset,
                sa.func.max(sa.cast(rule_table.c.can_view, sa.Integer)),
                sa.func.max(sa.cast(rule_table.c.can_add, sa.Integer)),
                sa.func.max(sa.cast(rule_table.c.can_change, sa.Integer)),
                sa.func.max(sa.cast(rule_table.c.can_delete, sa.Integer)),
            )
            .join(user_group_table, user_group_table.c.group_id == rule_table.c.group_id)
            .where(user_group_table.c.user_id == sa.bindparam("user_id"))
            .group_by(rule_table.c.ruleset),
            reader.dialect,
        )

    async def enforce(self, identity: Identity | None, permission: Permission) -> None:
        """Raise NotAuthenticated or Forbidden unless the identity has the permission."""
        if identity is None:
            raise NotAuthenticated()
        if identity.is_superuser:
            return
        access = permission.access
        if access.superuser_only or (access.staff_only and not identity.is_staff):
            raise Forbidden()
        if access.staff_writes and permission.action != "view" and not identity.is_staff:
            raise Forbidden()
        if access.ruleset is not None and not await self.allowed(
            identity, access.ruleset, permission.action
        ):
            raise Forbidden()

    async def allowed(self, identity: Identity, ruleset: str, action: str) -> bool:
        if identity.is_superuser:
            return True
        if ruleset == "admin" or identity.is_system:
            return identity.is_staff
        rows = await self.reader.fetch_platform(self._compiled, {"user_id": identity.user_id})
        index = 1 + ACTIONS.index(action)
        return any(row[0] == ruleset and bool(row[index]) for row in rows)
