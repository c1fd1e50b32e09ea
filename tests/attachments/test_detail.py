"""GET /api/attachment/{id}/."""

from __future__ import annotations

from typing import Any

from tests.attachments.factories import URL, make_target, uploaded
from tests.conftest import Client


async def test_detail_answers_the_attachment(client: Client) -> None:
    created = await uploaded(client, await make_target(client), comment="hello")
    response = await client.get(f"{URL}{created['pk']}/")
    assert response.status_code == 200
    assert response.json() == created


async def test_unknown_id_is_404(client: Client) -> None:
    response = await client.get(f"{URL}424242/")
    assert response.status_code == 404
    assert response.json()["detail"]


async def test_user_without_view_right_on_target_is_403(client: Client, login_as: Any) -> None:
    created = await uploaded(client, await make_target(client))
    builder = await login_as("builder", rules={"build": ("view",)})
    response = await builder.get(f"{URL}{created['pk']}/")
    assert response.status_code == 403
    viewer = await login_as("viewer", rules={"part": ("view",)})
    assert (await viewer.get(f"{URL}{created['pk']}/")).status_code == 200
