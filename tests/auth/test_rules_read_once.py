"""A user's rules are read once per request, however many checks the request makes (the route's
permission, each attachment target's ruleset, OPTIONS' actions)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from litestar import Litestar

from storeroom.auth.identity import Identity
from storeroom.auth.permissions import Permitted
from tests.attachments.factories import URL, make_target
from tests.conftest import Client

Login = Callable[..., Awaitable[Client]]


@pytest.fixture
def reads(app: Litestar, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The user ids whose rules were read, one entry per read."""
    rules = app.state.api.authenticator.rules
    real = rules.permitted
    found: list[int] = []

    async def counted(identity: Identity) -> Permitted:
        found.append(identity.user_id)
        return await real(identity)

    monkeypatch.setattr(rules, "permitted", counted)
    return found


async def test_an_attachment_upload_reads_the_users_rules_once(
    client: Client, login_as: Login, reads: list[Any]
) -> None:
    part = await make_target(client)
    user = await login_as("editor", rules={"part": ("view", "change")})
    reads.clear()
    response = await user.post(
        URL, json={"model_type": "part", "model_id": part, "link": "https://example.com/a"}
    )
    assert response.status_code == 201, response.text
    assert len(reads) == 1
    await user.aclose()


async def test_a_refused_attachment_reads_the_users_rules_once(
    client: Client, login_as: Login, reads: list[Any]
) -> None:
    part = await make_target(client)
    user = await login_as("stranger", rules={"stock": ("view", "change")})
    reads.clear()
    response = await user.post(
        URL, json={"model_type": "part", "model_id": part, "link": "https://example.com/a"}
    )
    assert response.status_code == 403
    assert response.json()["detail"]
    assert len(reads) == 1
    await user.aclose()


async def test_options_read_the_users_rules_once(login_as: Login, reads: list[Any]) -> None:
    user = await login_as("viewer", rules={"part": ("view",)})
    reads.clear()
    body = (await user.options("/api/part/")).json()
    assert body["actions"] == {"GET": {}}
    assert len(reads) == 1
    await user.aclose()


async def test_a_superusers_rules_are_never_read(client: Client, reads: list[Any]) -> None:
    response = await client.post(URL, json={"model_type": "part", "model_id": 1, "link": "x"})
    assert response.status_code == 400
    assert reads == []
