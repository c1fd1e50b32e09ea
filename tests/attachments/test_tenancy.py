"""Another tenant's attachments and targets do not exist for this tenant."""

from __future__ import annotations

from typing import Any

from litestar import Litestar

from storeroom.settings import Settings
from tests.attachments.conftest import stored_keys
from tests.attachments.factories import URL, make_target, upload, uploaded
from tests.conftest import Client


async def test_other_tenant_sees_nothing_and_cannot_use_our_targets(
    client: Client, login_as: Any, app: Litestar, settings: Settings
) -> None:
    part = await make_target(client)
    created = await uploaded(client, part)
    other = await login_as("outsider", account="other", is_superuser=True)
    assert (await other.get(URL)).json() == []
    for method in ("GET", "PATCH", "DELETE"):
        response = await other.request(method, f"{URL}{created['pk']}/", json={})
        assert response.status_code == 404, method
    assert (await other.get(created["attachment"])).status_code == 404
    assert (await other.get(f"{URL}{created['pk']}/metadata/")).status_code == 404
    response = await other.request("DELETE", URL, json={"items": [created["pk"]]})
    assert response.status_code == 204
    assert (await client.get(f"{URL}{created['pk']}/")).status_code == 200
    # Our part is not the other tenant's: uploading to it is a missing target.
    response = await upload(other, part)
    assert response.status_code == 400
    assert response.json()["model_id"]
    assert stored_keys(settings, "other") == []
