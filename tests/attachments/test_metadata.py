"""GET, PATCH and PUT /api/attachment/{id}/metadata/."""

from __future__ import annotations

from typing import Any

from tests.attachments.factories import URL, linked, make_target
from tests.conftest import Client


async def test_patch_merges_and_put_replaces(client: Client) -> None:
    created = await linked(client, await make_target(client))
    path = f"{URL}{created['pk']}/metadata/"
    assert (await client.get(path)).json() == {"metadata": {}}
    await client.patch(path, json={"metadata": {"a": 1}})
    response = await client.patch(path, json={"metadata": {"b": 2}})
    assert response.json() == {"metadata": {"a": 1, "b": 2}}
    response = await client.put(path, json={"metadata": {"c": 3}})
    assert response.json() == {"metadata": {"c": 3}}


async def test_metadata_needs_the_target_right(client: Client, login_as: Any) -> None:
    created = await linked(client, await make_target(client))
    path = f"{URL}{created['pk']}/metadata/"
    viewer = await login_as("viewer", rules={"part": ("view",)})
    assert (await viewer.get(path)).status_code == 200
    response = await viewer.patch(path, json={"metadata": {"x": 1}})
    assert response.status_code == 403
