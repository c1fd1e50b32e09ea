"""DELETE /api/attachment/ with `items` or `filters`: the files go with their rows."""

from __future__ import annotations

from typing import Any

from litestar import Litestar

from storeroom.settings import Settings
from tests.attachments.conftest import break_storage, stored_keys
from tests.attachments.factories import URL, linked, make_target, uploaded
from tests.conftest import Client


async def test_items_removes_rows_and_files(client: Client, settings: Settings) -> None:
    part = await make_target(client)
    first, second = await uploaded(client, part), await uploaded(client, part)
    kept = await linked(client, part)
    response = await client.request("DELETE", URL, json={"items": [first["pk"], second["pk"]]})
    assert response.status_code == 204
    assert [item["pk"] for item in (await client.get(URL)).json()] == [kept["pk"]]
    assert stored_keys(settings) == []


async def test_filters_use_the_declared_filters(client: Client, settings: Settings) -> None:
    part = await make_target(client)
    await uploaded(client, part)
    kept = await linked(client, part)
    response = await client.request("DELETE", URL, json={"filters": {"is_file": True}})
    assert response.status_code == 204
    assert [item["pk"] for item in (await client.get(URL)).json()] == [kept["pk"]]
    assert stored_keys(settings) == []
    response = await client.request("DELETE", URL, json={"filters": {"storage_key": "x"}})
    assert response.status_code == 400


async def test_neither_items_nor_filters_is_400(client: Client) -> None:
    response = await client.request("DELETE", URL, json={})
    assert response.status_code == 400
    assert response.json()["non_field_errors"]


async def test_storage_down_still_deletes_the_rows_and_leaves_the_files(
    client: Client, app: Litestar, settings: Settings
) -> None:
    part = await make_target(client)
    first = await uploaded(client, part)
    break_storage(app, settings)
    response = await client.request("DELETE", URL, json={"items": [first["pk"]]})
    assert response.status_code == 204
    assert (await client.get(URL)).json() == []
    assert len(stored_keys(settings)) == 1


async def test_user_with_view_only_is_403(
    client: Client, login_as: Any, settings: Settings
) -> None:
    created = await uploaded(client, await make_target(client))
    viewer = await login_as("viewer", rules={"part": ("view",)})
    response = await viewer.request("DELETE", URL, json={"items": [created["pk"]]})
    assert response.status_code == 403
    assert len(stored_keys(settings)) == 1
