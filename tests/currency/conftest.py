"""The currency tests run against a real HTTP server on 127.0.0.1 that replays a recorded ECB
feed (eurofxref-daily.xml, 2026-11-26); a test can make it answer something else, or stop it."""

import logging
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storeroom.settings import Settings
from tests.conftest import Client, token_for

RECORDED_FEED = (Path(__file__).parent / "eurofxref-daily.xml").read_bytes()


class FeedServer:
    """An HTTP server in a thread answering every GET with one status and body."""

    def __init__(self) -> None:
        self.status = 200
        self.body = RECORDED_FEED
        self.requests = 0
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                feed.requests += 1
                self.send_response(feed.status)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Content-Length", str(len(feed.body)))
                self.end_headers()
                self.wfile.write(feed.body)

            def log_message(self, message_format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/eurofxref-daily.xml"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.is_running = True

    def answer(self, body: bytes, status: int = 200) -> None:
        self.body, self.status = body, status

    def stop(self) -> None:
        """Shut the server and free its port: the provider is down."""
        if self.is_running:
            self.server.shutdown()
            self.server.server_close()
            self.thread.join(timeout=10)
            self.is_running = False


@pytest.fixture
def ecb_feed() -> Iterator[FeedServer]:
    server = FeedServer()
    yield server
    server.stop()


@pytest.fixture
def settings(make_settings: Callable[..., Settings], ecb_feed: FeedServer) -> Settings:
    # No scheduled refresh in these apps: the tests run its passes themselves.
    return make_settings(ecb_url=ecb_feed.url, currency_refresh_hours=0.0)


async def admin_of(client: Client) -> Client:
    """`client` (an app's anonymous client) signed in as the first admin."""
    client.headers["Authorization"] = f"Token {await token_for(client, 'admin')}"
    return client


class Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def currency_log() -> Iterator[list[str]]:
    """What `storeroom.currency` logs (caplog's handler is replaced when the app configures
    logging, so this one sits on the capability's own logger)."""
    handler = Collected()
    logger = logging.getLogger("storeroom.currency")
    logger.addHandler(handler)
    yield handler.messages
    logger.removeHandler(handler)
