"""A page in the second half of a list whose count is cached is read backwards from the list's end
(so the last page costs what the first does), and is the same page as read forwards."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar import Litestar

from storeroom.models.part import PART
from storeroom.settings import Settings
from tests.conftest import Client

NAMES = ("delta", "alpha", "echo", "bravo", "golf", "charlie", "foxtrot")


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings(count_cache_seconds=60.0)


async def make_parts(client: Client) -> None:
    for number, name in enumerate(NAMES):
        response = await client.post(
            "/api/part/", json={"name": name, "IPN": f"{number % 3}", "active": number != 2}
        )
        assert response.status_code == 201, response.text


@pytest.mark.parametrize("ordering", ["name", "-name", "pk", "-pk", "IPN", "-IPN,name"])
async def test_every_page_read_from_either_end_is_the_forward_page(
    client: Client, ordering: str
) -> None:
    await make_parts(client)
    for filters in ("", "&active=true"):
        whole = (await client.get(f"/api/part/?ordering={ordering}{filters}")).json()
        expected = [item["pk"] for item in whole]
        for offset in range(len(expected) + 1):
            url = f"/api/part/?limit=2&offset={offset}&ordering={ordering}{filters}"
            body = (await client.get(url)).json()
            assert body["count"] == len(expected), url
            assert [item["pk"] for item in body["results"]] == expected[offset : offset + 2], url


async def test_a_page_past_the_middle_is_read_with_the_flipped_ordering(
    app: Litestar, client: Client
) -> None:
    await make_parts(client)
    statements = app.state.api.statements(PART)
    # The first page counts the list (and caches the count); the second is a plain page.
    for offset in (0, 1):
        await client.get(f"/api/part/?limit=2&offset={offset}&ordering=name")
    before = len(statements)
    body: Any = (await client.get("/api/part/?limit=2&offset=5&ordering=name")).json()
    assert [item["name"] for item in body["results"]] == ["foxtrot", "golf"]
    assert len(statements) == before + 1
