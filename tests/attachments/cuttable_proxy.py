"""A loopback TCP proxy in front of an S3 server that a test can cut, as a storage that goes away
would: every open connection reset, new ones refused; and bring back on the same port.

It runs its own event loop in a thread of its own, so that blocking clients (boto3 in the test's
helpers) can go through it while the test's loop waits, and the app's loop never carries it.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Coroutine
from typing import Any

CHUNK = 64 * 1024


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class CuttableProxy:
    def __init__(self, upstream_port: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._upstream_port = upstream_port
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        # Cut once this many more bytes have been carried, either way (None: not armed).
        self._cut_after: int | None = None

    def _run(self, work: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(timeout=30)

    def start(self) -> None:
        self._thread.start()
        self.restore()

    def stop(self) -> None:
        self.cut()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def restore(self) -> None:
        """Listen again (on the same port); nothing happens if it is listening."""
        self._run(self._listen())

    def cut(self) -> None:
        """Stop listening and reset every open connection."""
        self._run(self._cut())

    def cut_after(self, size: int) -> None:
        """Cut once `size` more bytes have been carried: in the middle of a transfer."""
        self._run(self._arm(size))

    @property
    def is_up(self) -> bool:
        return self._server is not None

    async def _arm(self, size: int) -> None:
        self._cut_after = size

    async def _listen(self) -> None:
        if self._server is None:
            self._server = await asyncio.start_server(
                self._serve, "127.0.0.1", self.port, reuse_address=True
            )

    async def _cut(self) -> None:
        self._cut_after = None
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(
                "127.0.0.1", self._upstream_port
            )
        except OSError:
            writer.transport.abort()
            return
        self._writers |= {writer, upstream_writer}
        await asyncio.gather(
            self._pipe(reader, upstream_writer), self._pipe(upstream_reader, writer)
        )

    async def _pipe(self, source: asyncio.StreamReader, target: asyncio.StreamWriter) -> None:
        try:
            while chunk := await source.read(CHUNK):
                target.write(chunk)
                await target.drain()
                if self._cut_after is not None:
                    self._cut_after -= len(chunk)
                    if self._cut_after <= 0:
                        await self._cut()
                        return
        except (OSError, RuntimeError):
            pass  # the other side went away, or the proxy was cut: nothing more to carry
        finally:
            self._writers.discard(target)
            target.transport.abort()
