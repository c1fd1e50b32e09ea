"""Roles: what a user may do on each ruleset, as InvenTree decides it.

Superusers may do anything in their tenant; staff administer; every other user acts through the
rulesets their groups grant (view / add / change / delete).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa

from storeroom.auth.identity import Identity
from storeroom.auth.tables import rule_table, user_group_table
from storeroom.db.engines import check_account
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
        access, action = permission.access, permission.action
        if access.ruleset is not None and not identity.is_superuser:
            permitted = await self.permitted(identity)
        else:
            permitted = NOTHING_PERMITTED
        if not grants(identity, access, action, permitted):
            raise Forbidden()

    async def allowed(self, identity: Identity, ruleset: str, action: str) -> bool:
        if identity.is_superuser:
            return True
        return ruleset in (await self.permitted(identity))[action]

    async def permitted(self, identity: Identity) -> Permitted:
        """For each action, the rulesets on which the identity may take it (one query), for
        lists that mix the models of several rulesets."""
        if identity.is_superuser or (identity.is_system and identity.is_staff):
            return {action: frozenset(RULESETS) for action in ACTIONS}
        if identity.is_system:
            return NOTHING_PERMITTED
        rows = await self.reader.fetch_platform(self._compiled, {"user_id": identity.user_id})
        # The admin ruleset is staff's, whatever the groups grant.
        admin = {"admin"} if identity.is_staff else set()
        return {
            action: frozenset(
                {row[0] for row in rows if row[0] != "admin" and bool(row[1 + index])} | admin
            )
            for index, action in enumerate(ACTIONS)
        }


Permitted = Mapping[str, frozenset[str]]
NOTHING_PERMITTED: Permitted = {action: frozenset() for action in ACTIONS}


def is_platform_superuser(identity: Identity | None, platform_account: str) -> bool:
    """A superuser of the platform's own tenant (the default tenant) who signed in with a
    password, token or session: the one who runs the server. Identity-header org admins and system
    users are never platform superusers, whatever their flags."""
    return (
        identity is not None
        and identity.is_superuser
        and not identity.is_system
        and identity.via in PLATFORM_MECHANISMS
        and identity.account == check_account(platform_account)
    )


PLATFORM_MECHANISMS = frozenset({"token", "basic", "session"})


def grants(identity: Identity, access: Access, action: str, permitted: Permitted) -> bool:
    """Whether `access` lets the identity take `action`, given what its roles permit."""
    if identity.is_superuser:
        return True
    if access.superuser_only or (access.staff_only and not identity.is_staff):
        return False
    if access.staff_writes and action != "view" and not identity.is_staff:
        return False
    return access.ruleset is None or access.ruleset in permitted[action]
