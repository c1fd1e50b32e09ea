"""Sending email: the `Mailer` protocol and its backends, chosen by `smtp_host`.

`SmtpMailer` speaks SMTP (aiosmtplib); `UnconfiguredMailer`, used when no SMTP host is set, sends
nothing and says so in the log. A mailer that cannot send raises `Unavailable`.
"""

from __future__ import annotations

import logging
from email.message import EmailMessage
from typing import Protocol

import aiosmtplib

from storeroom.errors import Unavailable
from storeroom.settings import Settings

logger = logging.getLogger("storeroom.mail")
# Port 465 is SMTP over TLS from the first byte; any other port upgrades with STARTTLS.
IMPLICIT_TLS_PORT = 465
SEND_TIMEOUT_SECONDS = 30.0


class Mailer(Protocol):
    async def send(self, message: EmailMessage) -> None: ...


class SmtpMailer:
    def __init__(self, settings: Settings) -> None:
        self.host = settings.smtp_host
        self.port = settings.smtp_port
        self.user = settings.smtp_user
        self.password = settings.smtp_password
        self.tls = settings.smtp_tls

    async def send(self, message: EmailMessage) -> None:
        implicit = self.tls and self.port == IMPLICIT_TLS_PORT
        try:
            await aiosmtplib.send(
                message,
                hostname=self.host,
                port=self.port,
                username=self.user or None,
                password=self.password or None,
                use_tls=implicit,
                # Without smtp_tls nothing is encrypted; with it, STARTTLS is required, not tried.
                start_tls=self.tls and not implicit,
                timeout=SEND_TIMEOUT_SECONDS,
            )
        except (aiosmtplib.SMTPException, OSError) as error:
            raise Unavailable(f"SMTP server {self.host}:{self.port}: {error}") from error


class UnconfiguredMailer:
    async def send(self, message: EmailMessage) -> None:
        logger.warning(
            "No SMTP host is configured (STOREROOM_SMTP_HOST); %r was not sent.",
            message["Subject"],
        )


def mailer_for(settings: Settings) -> Mailer:
    return SmtpMailer(settings) if settings.smtp_host else UnconfiguredMailer()
