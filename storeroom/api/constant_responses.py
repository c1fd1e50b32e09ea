"""Answers that never change while the process runs (InvenTree's API root), sent before Litestar
routes the request.

Measured in bench/error_report_list.py: Litestar's routing, request and response objects cost
~25 us per request, more than half of `GET /api/` (storeroom reached 43% of the bare app). The
root is anonymous, constant and the first thing every InvenTree client asks for, so its bytes are
encoded once at start-up and written straight to the socket (api/application.py). Any request
that is not a plain `GET` of exactly that path (a query string, a dialect header) takes the normal
route.
"""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.enums import ScopeType
from litestar.types import Scope

STATE_KEY = "constant_responses"
HEADERS = [
    (b"content-type", b"application/json"),
    (b"x-api-dialect", b"drf"),
    (b"vary", b"X-API-Dialect"),
]


def register(app: Litestar, path: str, body: bytes) -> None:
    """Serve `body` for plain GETs of `path` from now on."""
    app.state.setdefault(STATE_KEY, {})[path] = (
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [*HEADERS, (b"content-length", str(len(body)).encode())],
        },
        {"type": "http.response.body", "body": body},
    )


def constant_response(app: Litestar, scope: Scope) -> tuple[Any, Any] | None:
    if scope["type"] != ScopeType.HTTP or scope.get("method") != "GET" or scope.get("query_string"):
        return None
    found: dict[str, tuple[Any, Any]] | None = app.state.get(STATE_KEY)
    if not found or scope["path"] not in found:
        return None
    if any(name == b"x-api-dialect" for name, _ in scope.get("headers", ())):
        return None
    return found[scope["path"]]
