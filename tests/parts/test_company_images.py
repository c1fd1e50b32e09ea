"""Company images: a multipart PATCH or PUT of `/api/company/{id}/` with an `image` file,
checked by Pillow and served at the URL the company answers, as part images are."""

from __future__ import annotations

import itertools

from httpx import AsyncClient

from tests.parts import make
from tests.parts.test_images import png

Team = dict[str, AsyncClient]


_numbers = itertools.count(1)


async def company(client: AsyncClient) -> dict:
    return await make.post(client, "/api/company/", name=f"Maker {next(_numbers)}")


async def upload(client: AsyncClient, pk: int, content: bytes, name: str = "logo.png") -> dict:
    response = await client.patch(
        f"/api/company/{pk}/", files={"image": (name, content, "image/png")}
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_an_uploaded_image_is_served_at_the_url_the_company_answers(team: Team) -> None:
    admin = team["admin"]
    made = await company(admin)
    assert made["image"] is None
    content = png()
    updated = await upload(admin, made["pk"], content)
    assert updated["image"].endswith("/image.png")
    served = await admin.get(updated["image"])
    assert (served.status_code, served.content) == (200, content)
    assert (await admin.get(f"/api/company/{made['pk']}/")).json()["image"] == updated["image"]


async def test_a_replaced_image_is_no_longer_served(team: Team) -> None:
    admin = team["admin"]
    made = await company(admin)
    first = await upload(admin, made["pk"], png(color="red"))
    second = await upload(admin, made["pk"], png(color="blue"))
    assert second["image"] != first["image"]
    assert (await admin.get(first["image"])).status_code == 404
    assert (await admin.get(second["image"])).status_code == 200


async def test_a_file_that_is_not_an_image_is_refused(team: Team) -> None:
    admin = team["admin"]
    made = await company(admin)
    response = await admin.patch(
        f"/api/company/{made['pk']}/", files={"image": ("logo.png", b"not an image", "image/png")}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["image"]
    assert (await admin.get(f"/api/company/{made['pk']}/")).json()["image"] is None


async def test_image_null_removes_the_image(team: Team) -> None:
    admin = team["admin"]
    made = await company(admin)
    uploaded = await upload(admin, made["pk"], png())
    response = await admin.patch(f"/api/company/{made['pk']}/", json={"image": None})
    assert response.status_code == 200, response.text
    assert response.json()["image"] is None
    assert (await admin.get(uploaded["image"])).status_code == 404


async def test_a_plain_json_update_keeps_the_image(team: Team) -> None:
    admin = team["admin"]
    made = await company(admin)
    uploaded = await upload(admin, made["pk"], png())
    response = await admin.patch(f"/api/company/{made['pk']}/", json={"description": "Bolts"})
    assert response.status_code == 200, response.text
    assert (response.json()["description"], response.json()["image"]) == (
        "Bolts",
        uploaded["image"],
    )
