"""PUT and PATCH /api/attachment/{id}/: comment, tags, target, renaming the stored file, and
replacing it."""

from __future__ import annotations

from typing import Any

from litestar import Litestar

from storeroom.settings import Settings
from tests.attachments.conftest import break_storage, stored_keys
from tests.attachments.factories import URL, linked, make_target, uploaded
from tests.conftest import Client


async def test_patch_changes_comment_and_leaves_tags(client: Client) -> None:
    created = await uploaded(client, await make_target(client), tags="keep")
    response = await client.patch(f"{URL}{created['pk']}/", json={"comment": "new"})
    assert response.status_code == 200, response.text
    assert (response.json()["comment"], response.json()["tags"]) == ("new", ["keep"])


async def test_put_replaces_the_writable_fields(client: Client) -> None:
    part = await make_target(client)
    created = await linked(client, part, comment="old", tags=["a"])
    body = {"model_type": "part", "model_id": part, "link": "https://example.com/new"}
    response = await client.put(f"{URL}{created['pk']}/", json=body)
    assert response.status_code == 200, response.text
    found = response.json()
    assert (found["link"], found["comment"], found["tags"]) == ("https://example.com/new", "", [])


async def test_rename_renames_the_stored_file(client: Client, settings: Settings) -> None:
    created = await uploaded(client, await make_target(client), content=b"renamed content")
    response = await client.patch(f"{URL}{created['pk']}/", json={"filename": "../new name.txt"})
    assert response.status_code == 200, response.text
    renamed = response.json()
    assert renamed["filename"] == "new name.txt"
    assert renamed["attachment"].endswith("/download/new_name.txt")
    (key,) = stored_keys(settings)
    assert key.endswith("/new_name.txt")
    assert (await client.get(renamed["attachment"])).content == b"renamed content"


async def test_rename_with_storage_down_is_503_and_keeps_the_name(
    client: Client, app: Litestar, settings: Settings
) -> None:
    created = await uploaded(client, await make_target(client))
    break_storage(app, settings)
    response = await client.patch(f"{URL}{created['pk']}/", json={"filename": "other.txt"})
    assert response.status_code == 503
    assert (await client.get(f"{URL}{created['pk']}/")).json()["filename"] == "notes.txt"


async def test_a_link_cannot_be_renamed_or_get_a_second_kind(client: Client) -> None:
    part = await make_target(client)
    link = await linked(client, part)
    response = await client.patch(f"{URL}{link['pk']}/", json={"filename": "x.txt"})
    assert response.status_code == 400
    assert response.json()["filename"]
    response = await client.patch(f"{URL}{link['pk']}/", json={"link": None})
    assert set(response.json()) == {"attachment", "link"}
    file = await uploaded(client, part)
    response = await client.patch(f"{URL}{file['pk']}/", json={"link": "https://example.com/"})
    assert response.status_code == 400
    assert "not both" in response.json()["non_field_errors"][0]


async def test_multipart_patch_replaces_the_file(client: Client, settings: Settings) -> None:
    created = await uploaded(client, await make_target(client), content=b"old")
    response = await client.patch(
        f"{URL}{created['pk']}/", files={"attachment": ("v2.txt", b"version two", "text/plain")}
    )
    assert response.status_code == 200, response.text
    replaced = response.json()
    assert (replaced["filename"], replaced["file_size"]) == ("v2.txt", 11)
    (key,) = stored_keys(settings)
    assert key.endswith("/v2.txt")
    assert (await client.get(replaced["attachment"])).content == b"version two"


async def test_moving_to_a_missing_target_is_400(client: Client) -> None:
    created = await uploaded(client, await make_target(client))
    response = await client.patch(f"{URL}{created['pk']}/", json={"model_id": 987654})
    assert response.status_code == 400
    assert response.json()["model_id"]


async def test_user_with_view_only_is_403(client: Client, login_as: Any) -> None:
    created = await uploaded(client, await make_target(client))
    viewer = await login_as("viewer", rules={"part": ("view",)})
    response = await viewer.patch(f"{URL}{created['pk']}/", json={"comment": "no"})
    assert response.status_code == 403
    assert (await client.get(f"{URL}{created['pk']}/")).json()["comment"] == ""
