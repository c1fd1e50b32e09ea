"""Running the application under uvicorn with storeroom's limits, after checking that the address
can be listened on."""

from __future__ import annotations

import errno
import socket
from functools import partial

import uvicorn

from storeroom.server.protocol import HeadLimits, LimitedHttpProtocol
from storeroom.settings import Settings

# uvicorn's supervisor pings each worker and replaces one that has not answered in this time. A
# worker answers only once it has imported storeroom (its main module, then the app): several
# seconds on a busy machine, past uvicorn's default of 5, so every worker was killed as hung at
# start ("Child process died"), again and again.
WORKER_HEALTHCHECK_SECONDS = 60


def listen_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port (one line), or None if it can."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        return f"cannot listen on {host}:{port}: {error.strerror}"
    family, kind, proto, _, address = addresses[0]
    with socket.socket(family, kind, proto) as probe:
        # As uvicorn binds: a port left in TIME_WAIT by an earlier run is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"cannot listen on {host}:{port}: the port is already in use"
            return f"cannot listen on {host}:{port}: {error.strerror}"
    return None


def run_server(settings: Settings, host: str, port: int, workers: int) -> None:
    limits = HeadLimits(
        max_size=settings.max_header_size,
        max_count=settings.max_header_count,
        timeout=settings.header_timeout_seconds,
    )
    uvicorn.run(
        "storeroom.asgi:app",
        host=host,
        port=port,
        workers=workers,
        log_level=settings.log_level.lower(),
        access_log=False,
        # uvicorn builds the protocol with its config; the partial adds the limits (and pickles
        # to each worker process).
        http=partial(LimitedHttpProtocol, limits=limits),  # type: ignore[arg-type]
        ws="none",
        timeout_keep_alive=settings.keep_alive_seconds,
        limit_concurrency=settings.max_connections or None,
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
    )
