"""The bodies of `/api/email/generate/`, as the OpenAPI document shows them."""

from __future__ import annotations

import msgspec


class GetSimpleLogin(msgspec.Struct):
    """The address to email a login link to."""

    email: str


class LinkRequested(msgspec.Struct):
    """Always "ok" and the address as sent: the answer never tells whether it is known."""

    status: str
    email: str
