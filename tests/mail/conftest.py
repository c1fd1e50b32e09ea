"""The mail tests send through a real SMTP server (aiosmtpd) on a free loopback port, in the
test's own event loop, and read what it received."""

import asyncio
import email
import logging
import re
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default
from typing import Any

import pytest
from aiosmtpd.smtp import SMTP, Envelope, Session

from storeroom.settings import Settings

SITE = "https://storeroom.example"
LINK = re.compile(re.escape(SITE) + r"(/api/auth/magic/[0-9a-f]+/)")


@dataclass
class Inbox:
    """An aiosmtpd handler keeping every message it accepts."""

    port: int = 0
    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802 (aiosmtpd's hook name)
        message = email.message_from_bytes(envelope.content, policy=default)
        self.messages.append(message)
        return "250 Message accepted"

    def link(self, index: int = -1) -> str:
        """The path of the login link in a received message."""
        found = LINK.search(self.messages[index].get_content())
        assert found, self.messages[index].get_content()
        return found[1]


@pytest.fixture
async def inbox() -> AsyncIterator[Inbox]:
    received = Inbox()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(received, hostname="localhost"), "127.0.0.1", 0)
    received.port = server.sockets[0].getsockname()[1]
    yield received
    server.close()
    await server.wait_closed()


@pytest.fixture
def settings(make_settings: Callable[..., Settings], inbox: Inbox) -> Settings:
    return make_settings(
        smtp_host="127.0.0.1",
        smtp_port=inbox.port,
        smtp_from="storeroom@storeroom.example",
        site_url=SITE + "/",
    )


class Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def mail_log() -> Iterator[list[str]]:
    """What `storeroom.mail` logs (caplog's handler is replaced when the app configures logging)."""
    handler = Collected()
    logger = logging.getLogger("storeroom.mail")
    logger.addHandler(handler)
    yield handler.messages
    logger.removeHandler(handler)


def received_fields(message: EmailMessage) -> dict[str, Any]:
    return {"to": message["To"], "from": message["From"], "subject": message["Subject"]}
