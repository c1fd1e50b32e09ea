"""Route permissions. A route declares what it requires in its `opt` (`requires(...)`); the
authentication middleware enforces it before the handler runs. Permissions are never an `if`
inside a handler.

`require_staff()` / `require_superuser()` remain as guards for routes not yet converted.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler

from storeroom.auth.middleware import identity_of
from storeroom.auth.permissions import STAFF, SUPERUSER, Access, Permission, requires

Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], Awaitable[None]]

__all__ = ["STAFF", "SUPERUSER", "Access", "require_staff", "require_superuser", "requires"]


def _guard(permission: Permission) -> Guard:
    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        await connection.app.state.api.rules.enforce(identity_of(connection.scope), permission)

    return guard


def require_staff() -> Guard:
    return _guard(Permission("view", STAFF))


def require_superuser() -> Guard:
    return _guard(Permission("view", SUPERUSER))
