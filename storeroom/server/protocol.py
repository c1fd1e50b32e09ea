"""uvicorn's httptools protocol with bounds on a request's head: its size, its number of header
fields and the time it may take to arrive.

httptools buffers a header line until it ends and keeps no limit of its own: a 50 MB header was
read whole (growing its buffer by repeated concatenation, stalling the event loop), and a client
trickling a head byte by byte held its connection for ever. Here a head past `max_size` bytes or
`max_count` fields is answered 431, and one not complete within `timeout` seconds of its first byte
(or of the connection, for a client that sends nothing) is answered 408; the connection is closed
either way. uvicorn's h11 protocol bounds the size only, and parses much slower.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import httptools
from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol
from uvicorn.server import ServerState


@dataclass(frozen=True, slots=True)
class HeadLimits:
    max_size: int
    max_count: int
    # 0: no limit on the time a head takes.
    timeout: float


class HeadRefused(Exception):
    """Raised inside a parser callback to stop parsing a head that is refused."""


class LimitedHttpProtocol(HttpToolsProtocol):
    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
        *,
        limits: HeadLimits,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.limits = limits
        # Waiting for (or reading) a request's head, rather than its body or the app's answer.
        self.is_reading_head = True
        self.has_head_begun = False
        self.heads_completed = 0
        # The bytes of chunks that held nothing but the current, unfinished head.
        self.head_bytes = 0
        self.head_clock: asyncio.TimerHandle | None = None
        self.refusal: tuple[int, str] | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.start_head_clock()

    def connection_lost(self, exc: Exception | None) -> None:
        self.stop_head_clock()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.transport.is_closing():
            return
        was_reading_head, heads_before = self.is_reading_head, self.heads_completed
        self._unset_keepalive_if_required()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()
            return
        except httptools.HttpParserError:
            if self.refusal is not None:
                self.send_refusal(*self.refusal)
            else:
                self.logger.warning("Invalid HTTP request received.")
                self.send_400_response("Invalid HTTP request received.")
            return
        # A chunk that began and ended inside one head is all head: count it before the head
        # completes, so that an endless header is refused while it arrives, not once it ends.
        if was_reading_head and self.is_reading_head and self.heads_completed == heads_before:
            self.head_bytes += len(data)
            if self.head_bytes > self.limits.max_size:
                self.send_refusal(431, "Request header fields too large.")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.is_reading_head, self.has_head_begun, self.head_bytes = True, True, 0
        self.start_head_clock()

    def on_headers_complete(self) -> None:
        self.stop_head_clock()
        self.is_reading_head, self.has_head_begun = False, False
        self.heads_completed += 1
        size = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
        if size > self.limits.max_size:
            self.refuse(431, "Request header fields too large.")
        if len(self.headers) > self.limits.max_count:
            self.refuse(431, f"More than {self.limits.max_count} request header fields.")
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self.is_reading_head, self.head_bytes = True, 0

    def refuse(self, status: int, message: str) -> None:
        self.refusal = (status, message)
        raise HeadRefused(message)

    def start_head_clock(self) -> None:
        if self.head_clock is None and self.limits.timeout > 0:
            self.head_clock = self.loop.call_later(self.limits.timeout, self.head_timed_out)

    def stop_head_clock(self) -> None:
        if self.head_clock is not None:
            self.head_clock.cancel()
            self.head_clock = None

    def head_timed_out(self) -> None:
        self.head_clock = None
        if self.transport.is_closing():
            return
        if self.has_head_begun:
            self.send_refusal(408, "The request's headers did not arrive in time.")
        else:
            self.transport.close()

    def send_refusal(self, status: int, message: str) -> None:
        """An answer in the API's error shape, then the connection closes: the rest of the head is
        never read."""
        self.logger.warning("Refused a request head: %s", message)
        body = b'{"detail":"' + message.encode("ascii") + b'"}'
        head = [STATUS_LINE[status]]
        head.extend(
            name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers
        )
        head.append(b"content-type: application/json\r\n")
        head.append(b"content-length: %d\r\nconnection: close\r\n\r\n" % len(body))
        self.transport.write(b"".join(head) + body)
        self.transport.close()
