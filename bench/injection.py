"""How a handler gets its request context, measured on Litestar alone (issue #13): a raw
`request` the handler reads its context from, one typed context object injected, or five typed
dependencies injected. Calls the ASGI app directly (no server, no client) so that only the
framework's work differs; prints microseconds per request, median of rounds.

    .venv/bin/python bench/injection.py [--requests 20000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from dataclasses import dataclass
from typing import Any

from litestar import Litestar, Request, get
from litestar.di import Provide


@dataclass(slots=True)
class Context:
    tenant: str
    identity: str
    settings: str
    rules: str
    dialect: str


SHARED = Context("tenant", "identity", "settings", "rules", "drf")


@get("/raw", sync_to_thread=False)
def raw(request: Request[Any, Any, Any]) -> str:
    context: Context = request.app.state.context
    return context.tenant


def context_of(request: Request[Any, Any, Any]) -> Context:
    found: Context = request.scope["state"]["context"]
    return found


@get(
    "/one",
    dependencies={"context": Provide(context_of, sync_to_thread=False)},
    sync_to_thread=False,
)
def one(context: Context) -> str:
    return context.tenant


def part(name: str) -> Provide:
    def provide(request: Request[Any, Any, Any]) -> str:
        found: str = getattr(request.scope["state"]["context"], name)
        return found

    return Provide(provide, sync_to_thread=False)


NAMES = ("tenant", "identity", "settings", "rules", "dialect")


@get("/five", dependencies={name: part(name) for name in NAMES}, sync_to_thread=False)
def five(tenant: str, identity: str, settings: str, rules: str, dialect: str) -> str:
    return tenant


async def run(app: Litestar, path: str, count: int) -> float:
    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        return None

    started = time.perf_counter()
    for _ in range(count):
        scope = {
            "type": "http",
            "http_version": "1.1",
            "method": "GET",
            "path": path,
            "raw_path": path.encode(),
            "root_path": "",
            "scheme": "http",
            "query_string": b"",
            "headers": [],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
            "state": {"context": SHARED},
        }
        await app(scope, receive, send)  # type: ignore[arg-type]
    return (time.perf_counter() - started) / count * 1e6


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    app = Litestar([raw, one, five], debug=False)
    app.state.context = SHARED
    results: dict[str, list[float]] = {"/raw": [], "/one": [], "/five": []}
    for _ in range(arguments.rounds):
        for path in results:
            results[path].append(await run(app, path, arguments.requests))
    for path, times in results.items():
        print(f"{path:6} {statistics.median(times):7.1f} us/request")


if __name__ == "__main__":
    asyncio.run(main())
