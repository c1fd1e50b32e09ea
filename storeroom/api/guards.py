"""Route guards: permissions are declared on the route, never checked inside a handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler

from storeroom.api.resource import Access
from storeroom.auth.middleware import identity_of
from storeroom.errors import Forbidden, NotAuthenticated

Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], Awaitable[None]]


def require(action: str, access: Access) -> Guard:
    """A guard allowing `action` under `access` (staff only, or the user's role on a ruleset)."""

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        identity = identity_of(connection.scope)
        if identity is None:
            raise NotAuthenticated()
        if identity.is_superuser:
            return
        if access.staff_only:
            if not identity.is_staff:
                raise Forbidden()
            return
        if access.ruleset is None:
            return
        rules = connection.app.state.api.rules
        if not await rules.allowed(identity, access.ruleset, action):
            raise Forbidden()

    return guard


def require_staff() -> Guard:
    return require("view", Access(staff_only=True))


def require_superuser() -> Guard:
    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        identity = identity_of(connection.scope)
        if identity is None:
            raise NotAuthenticated()
        if not identity.is_superuser:
            raise Forbidden()

    return guard
