"""The authentication middleware: every request is authenticated before it reaches a handler.

Anonymous access is allowed only on the paths listed here, matched exactly
(docs/api-behaviour.md, "Everywhere"); credentials presented there are still checked, so that
e.g. flags are evaluated for the caller.
"""

from __future__ import annotations

from typing import Any, Protocol, cast

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Receive, Scope, Send

from storeroom.auth.caller import SCOPE_KEY, Caller
from storeroom.auth.identity import Identity
from storeroom.auth.mechanisms import Authenticator, csrf_ok
from storeroom.errors import Forbidden, NotAuthenticated, NotFound

# The API and its dialect mounts (api/mounts.py); longest prefix first.
API_PREFIXES = ("/api/rbac/v1", "/api/v1", "/api")
# Paths under an API mount that answer anonymously, matched exactly.
ANONYMOUS_API_PATHS = frozenset(
    {
        "",
        "/status",
        "/schema",
        "/docs",
        "/auth/login",
        "/auth/logout",
        "/flags",
        "/icons",
        "/email/generate",
    }
)
# Detail paths under these are anonymous too (a flag by key, an icon font file, a magic link).
ANONYMOUS_API_PREFIXES = ("/flags/", "/icons/fonts/", "/auth/magic/")
ANONYMOUS_PATHS = frozenset(
    {
        "/healthz",
        "/readyz",
        "/api-docs",
        "/api-docs/assets/swagger-ui-bundle.js",
        "/api-docs/assets/swagger-ui.css",
    }
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_anonymous_path(path: str) -> bool:
    trimmed = path.rstrip("/")
    if trimmed in ANONYMOUS_PATHS:
        return True
    for prefix in API_PREFIXES:
        if trimmed == prefix or trimmed.startswith(prefix + "/"):
            inner = trimmed.removeprefix(prefix)
            return inner in ANONYMOUS_API_PATHS or (inner + "/").startswith(ANONYMOUS_API_PREFIXES)
    return False


def identity_of(scope: Any) -> Identity | None:
    found = scope.get("user")
    return found if isinstance(found, Identity) else None


def fits_in_32_bits(value: object) -> bool:
    return not isinstance(value, int) or -(2**31) <= value < 2**31


# Where the application keeps what its start-up made, in each request's scope (api/context.py).
PLATFORM_KEY = "storeroom.platform"


class Platform(Protocol):
    """What the middleware needs of the started application."""

    @property
    def authenticator(self) -> Authenticator: ...


def caller_of(scope: Any) -> Caller | None:
    found = scope.get(SCOPE_KEY)
    return found if isinstance(found, Caller) else None


class AuthenticationMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        # Our own keys beside the ASGI ones (the scope's type knows only those).
        entries = cast(dict[str, Any], scope)
        platform: Platform = entries[PLATFORM_KEY]
        authenticator = platform.authenticator
        headers = dict(scope["headers"])
        address = scope.get("client")
        client = address[0] if address else "unknown"
        identity = await authenticator.authenticate(headers, client)
        path = scope["path"]
        if identity is None and not is_anonymous_path(path):
            raise NotAuthenticated()
        if (
            identity is not None
            and identity.via == "session"
            and scope.get("method", "GET") not in SAFE_METHODS
            and not csrf_ok(identity, headers)
            and not is_anonymous_path(path)
        ):
            raise Forbidden("CSRF Failed: CSRF token missing or incorrect.")
        scope["user"] = identity
        caller = Caller(identity, authenticator.rules)
        entries[SCOPE_KEY] = caller
        handler = scope.get("route_handler")
        permission = handler.opt.get("permission") if handler is not None else None
        if permission is not None:
            await caller.enforce(permission)
        if not all(map(fits_in_32_bits, scope.get("path_params", {}).values())):
            # No object has such an id; the database could not even be asked.
            raise NotFound()
        await self.app(scope, receive, send)
