"""Which of the four API dialects a request speaks, decided once per request
(docs/api-behaviour.md, "Dialects"): the `X-API-Dialect` header, then the mount prefix, then
Djblets' `api_format` switch."""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from urllib.parse import parse_qs


class Dialect(StrEnum):
    DRF = "drf"
    DEEP = "deep"
    DJBLETS = "djblets"
    RBAC = "rbac"


MOUNTS: tuple[tuple[str, Dialect], ...] = (
    ("/api/rbac/v1/", Dialect.RBAC),
    ("/api/v1/", Dialect.DEEP),
    ("/api/", Dialect.DRF),
)
STATE_KEY = "storeroom_dialect"
# The mount's dialect, kept when a request is routed as its /api/ twin (api/mounts.py).
MOUNT_KEY = "storeroom_mount"


class DialectChoiceError(ValueError):
    """The header names no dialect, or one that contradicts the mount; the fallback renders it."""

    def __init__(self, message: str, fallback: Dialect) -> None:
        super().__init__(message)
        self.fallback = fallback


def mount_dialect(path: str) -> Dialect:
    for prefix, dialect in MOUNTS:
        if path.startswith(prefix) or path + "/" == prefix:
            return dialect
    return Dialect.DRF


def header_value(scope: Any, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def choose_dialect(scope: Any) -> Dialect:
    """The request's dialect; raises DialectChoiceError for a bad or contradicting header."""
    mounted = scope.get("state", {}).get(MOUNT_KEY) or mount_dialect(scope.get("path", ""))
    asked = header_value(scope, b"x-api-dialect")
    if asked is not None:
        try:
            chosen = Dialect(asked.strip().lower())
        except ValueError:
            raise DialectChoiceError(f"Unknown API dialect {asked!r}.", mounted) from None
        if mounted is not Dialect.DRF and chosen is not mounted:
            raise DialectChoiceError(
                f"Dialect {chosen.value} cannot be used under the {mounted.value} mount.", mounted
            )
        return chosen
    if mounted is Dialect.DRF:
        query = scope.get("query_string", b"")
        if b"api_format=" in query:
            formats = parse_qs(query.decode("latin-1")).get("api_format", [])
            if formats and formats[-1] in {"json", "xml"}:
                return Dialect.DJBLETS
    return mounted


def dialect_of(scope: Any) -> Dialect:
    """The dialect chosen for this request (the middleware stores it; errors fall back)."""
    state = scope.setdefault("state", {})
    found = state.get(STATE_KEY)
    if found is None:
        try:
            found = choose_dialect(scope)
        except DialectChoiceError as error:
            found = error.fallback
        state[STATE_KEY] = found
    return Dialect(found)


class DialectMiddleware:
    """Chooses the dialect before authentication; a bad X-API-Dialect is a 400."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            state = scope.setdefault("state", {})
            try:
                state[STATE_KEY] = choose_dialect(scope)
            except DialectChoiceError as error:
                state[STATE_KEY] = error.fallback
                raise BadDialectError(str(error)) from None
        await self.app(scope, receive, send)


class BadDialectError(ValueError):
    """Rendered as a validation error of the `X-API-Dialect` header."""


async def add_dialect_headers(message: Any, scope: Any) -> None:
    """Every response names its dialect, and caches keep dialects apart."""
    if message["type"] == "http.response.start" and scope.get("type") == "http":
        dialect = dialect_of(scope)
        vary = b"X-API-Dialect, Accept" if dialect is Dialect.DJBLETS else b"X-API-Dialect"
        headers = list(message.get("headers", []))
        headers += [(b"x-api-dialect", dialect.value.encode()), (b"vary", vary)]
        message["headers"] = headers
