"""GET /api/attachment/: pages, filters, search, ordering; each user sees only the attachments of
the models their roles let them view."""

from __future__ import annotations

from typing import Any

from tests.attachments.factories import URL, linked, make_target, uploaded
from tests.conftest import Client


async def names(client: Client, **params: Any) -> list[str]:
    response = await client.get(URL, params=params)
    assert response.status_code == 200, response.text
    return [item["filename"] or item["link"] for item in response.json()]


async def test_page_has_count_and_links(client: Client) -> None:
    part = await make_target(client)
    for index in range(3):
        await linked(client, part, link=f"https://example.com/{index}")
    body = (await client.get(URL, params={"limit": 2})).json()
    assert (body["count"], len(body["results"]), body["previous"]) == (3, 2, None)
    assert "offset=2" in body["next"]


async def test_filters_by_kind_target_user_and_tag(client: Client) -> None:
    part, build = await make_target(client), await make_target(client, "build")
    await uploaded(client, part, filename="a.txt", tags="red")
    await linked(client, part, link="https://example.com/b", tags=["blue"])
    await uploaded(client, build, filename="c.txt", model_type="build")
    assert await names(client, is_file="true") == ["a.txt", "c.txt"]
    assert await names(client, is_link="true") == ["https://example.com/b"]
    assert await names(client, is_link="false") == ["a.txt", "c.txt"]
    assert await names(client, model_type="build") == ["c.txt"]
    assert await names(client, model_type="part", model_id=part) == [
        "a.txt",
        "https://example.com/b",
    ]
    assert await names(client, tags="blue") == ["https://example.com/b"]
    me = (await client.get(URL)).json()[0]["upload_user"]
    assert len(await names(client, upload_user=me)) == 3
    assert await names(client, upload_user=me + 1000) == []


async def test_bad_filter_value_is_400(client: Client) -> None:
    response = await client.get(URL, params={"model_id": "many"})
    assert response.status_code == 400
    assert response.json()["model_id"]


async def test_search_covers_filename_comment_and_link(client: Client) -> None:
    part = await make_target(client)
    await uploaded(client, part, filename="gearbox.pdf")
    await uploaded(client, part, filename="x.txt", comment="about the gearbox")
    await linked(client, part, link="https://example.com/gearbox")
    await linked(client, part, link="https://example.com/other")
    assert len(await names(client, search="gearbox")) == 3


async def test_ordering_by_file_size_and_filename(client: Client) -> None:
    part = await make_target(client)
    await uploaded(client, part, filename="b.txt", content=b"12345")
    await uploaded(client, part, filename="a.txt", content=b"123")
    assert await names(client, ordering="-file_size") == ["b.txt", "a.txt"]
    assert await names(client, ordering="filename") == ["a.txt", "b.txt"]
    response = await client.get(URL, params={"ordering": "storage_key"})
    assert response.status_code == 400


async def test_user_sees_only_models_their_roles_let_them_view(
    client: Client, login_as: Any
) -> None:
    part, build = await make_target(client), await make_target(client, "build")
    await uploaded(client, part, filename="part.txt")
    await uploaded(client, build, filename="build.txt", model_type="build")
    viewer = await login_as("parts-viewer", rules={"part": ("view",)})
    assert await names(viewer, ordering="filename") == ["part.txt"]
    assert (await viewer.get(URL, params={"limit": 10})).json()["count"] == 1
    nobody = await login_as("nobody")
    assert await names(nobody) == []


async def test_anonymous_is_401(anonymous: Client) -> None:
    response = await anonymous.get(URL)
    assert response.status_code == 401
    assert response.json()["detail"]
