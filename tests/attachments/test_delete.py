"""DELETE /api/attachment/{id}/: the file goes with the row; the row goes first, so a storage
failure leaves at worst a file no row names."""

from __future__ import annotations

from typing import Any

from litestar import Litestar

from storeroom.settings import Settings
from tests.attachments.conftest import break_storage, stored_keys
from tests.attachments.factories import URL, linked, make_target, uploaded
from tests.conftest import Client


async def test_delete_removes_row_and_file(client: Client, settings: Settings) -> None:
    created = await uploaded(client, await make_target(client))
    assert len(stored_keys(settings)) == 1
    response = await client.delete(f"{URL}{created['pk']}/")
    assert response.status_code == 204
    assert stored_keys(settings) == []
    assert (await client.get(f"{URL}{created['pk']}/")).status_code == 404


async def test_delete_a_link(client: Client) -> None:
    created = await linked(client, await make_target(client))
    assert (await client.delete(f"{URL}{created['pk']}/")).status_code == 204
    assert (await client.get(URL)).json() == []


async def test_storage_down_still_deletes_the_row_and_leaves_the_file(
    client: Client, app: Litestar, settings: Settings
) -> None:
    created = await uploaded(client, await make_target(client))
    break_storage(app, settings)
    response = await client.delete(f"{URL}{created['pk']}/")
    assert response.status_code == 204
    assert (await client.get(f"{URL}{created['pk']}/")).status_code == 404
    assert len(stored_keys(settings)) == 1


async def test_user_with_view_only_is_403(
    client: Client, login_as: Any, settings: Settings
) -> None:
    created = await uploaded(client, await make_target(client))
    viewer = await login_as("viewer", rules={"part": ("view",)})
    response = await viewer.delete(f"{URL}{created['pk']}/")
    assert response.status_code == 403
    assert len(stored_keys(settings)) == 1


async def test_unknown_id_is_404(client: Client) -> None:
    response = await client.delete(f"{URL}31337/")
    assert response.status_code == 404
    assert response.json()["detail"]
