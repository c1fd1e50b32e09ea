"""Part images: a multipart PATCH or PUT with an `image` file (as `Part.uploadImage()` sends it),
checked by Pillow, stored with a thumbnail, answered as URLs that serve the files, and
`/api/part/thumbs/`."""

from __future__ import annotations

import io

from httpx import AsyncClient
from PIL import Image

from tests.parts import make

Team = dict[str, AsyncClient]
BLANK = "/static/img/blank_image.thumbnail.png"


def png(width: int = 600, height: int = 300, color: str = "red") -> bytes:
    written = io.BytesIO()
    Image.new("RGB", (width, height), color).save(written, "PNG")
    return written.getvalue()


async def upload(client: AsyncClient, pk: int, content: bytes, name: str = "photo.png") -> dict:
    response = await client.patch(f"/api/part/{pk}/", files={"image": (name, content, "image/png")})
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_an_uploaded_image_is_served_at_the_url_the_part_answers(team: Team) -> None:
    admin = team["admin"]
    part = await make.part(admin)
    content = png()
    updated = await upload(admin, part["pk"], content)
    assert updated["image"].startswith("/api/part/image/")
    assert updated["image"].endswith("/image.png")
    served = await admin.get(updated["image"])
    assert served.status_code == 200
    assert served.headers["content-type"] == "image/png"
    assert served.content == content
    assert (await admin.get(f"/api/part/{part['pk']}/")).json()["image"] == updated["image"]


async def test_the_thumbnail_is_a_png_at_most_256_pixels(team: Team) -> None:
    admin = team["admin"]
    part = await make.part(admin)
    updated = await upload(admin, part["pk"], png(1024, 512))
    assert updated["thumbnail"] == updated["image"].rsplit("/", 1)[0] + "/thumbnail.png"
    served = await admin.get(updated["thumbnail"])
    assert served.status_code == 200
    with Image.open(io.BytesIO(served.content)) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("PNG", (256, 128))


async def test_a_part_without_an_image_answers_the_blank_thumbnail(team: Team) -> None:
    part = await make.part(team["admin"])
    assert (part["image"], part["thumbnail"]) == (None, BLANK)


async def test_a_file_that_is_not_an_image_is_refused(team: Team) -> None:
    admin = team["admin"]
    part = await make.part(admin)
    response = await admin.patch(
        f"/api/part/{part['pk']}/", files={"image": ("photo.png", b"not an image", "image/png")}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["image"]
    assert (await admin.get(f"/api/part/{part['pk']}/")).json()["image"] is None


async def test_an_image_sent_as_text_is_refused(team: Team) -> None:
    part = await make.part(team["admin"])
    response = await team["admin"].patch(f"/api/part/{part['pk']}/", json={"image": "x.png"})
    assert response.status_code == 400
    assert list(response.json()) == ["image"]


async def test_a_remote_image_is_refused(team: Team) -> None:
    part = await make.part(team["admin"])
    response = await team["admin"].patch(
        f"/api/part/{part['pk']}/", json={"remote_image": "https://example.com/a.png"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "remote_image": ["Downloading images from remote URL is not enabled"]
    }


async def test_other_fields_are_written_with_the_image(team: Team) -> None:
    admin = team["admin"]
    part = await make.part(admin)
    response = await admin.patch(
        f"/api/part/{part['pk']}/",
        data={"description": "with a photo"},
        files={"image": ("photo.png", png(), "image/png")},
    )
    assert response.status_code == 200, response.text
    assert response.json()["description"] == "with a photo"


async def test_a_replaced_image_is_removed(team: Team) -> None:
    admin = team["admin"]
    part = await make.part(admin)
    first = (await upload(admin, part["pk"], png(color="red")))["image"]
    second = (await upload(admin, part["pk"], png(color="blue")))["image"]
    assert first != second
    assert (await admin.get(first)).status_code == 404
    assert (await admin.get(second)).status_code == 200


async def test_an_image_set_to_null_is_removed(team: Team) -> None:
    admin = team["admin"]
    part = await make.part(admin)
    image = (await upload(admin, part["pk"], png()))["image"]
    cleared = await admin.patch(f"/api/part/{part['pk']}/", json={"image": None})
    assert (cleared.json()["image"], cleared.json()["thumbnail"]) == (None, BLANK)
    assert (await admin.get(image)).status_code == 404


async def test_a_duplicate_with_copy_image_shares_the_image(team: Team) -> None:
    admin = team["admin"]
    source = await make.part(admin)
    image = (await upload(admin, source["pk"], png()))["image"]
    copy = await make.part(admin, duplicate={"part": source["pk"], "copy_image": True})
    assert copy["image"] == image
    await admin.patch(f"/api/part/{source['pk']}/", json={"image": None})
    # Still used by the copy: the file stays.
    assert (await admin.get(image)).status_code == 200


async def test_another_tenant_cannot_read_the_image(team: Team) -> None:
    part = await make.part(team["admin"])
    image = (await upload(team["admin"], part["pk"], png()))["image"]
    assert (await team["stranger"].get(image)).status_code == 404


async def test_thumbs_lists_used_images_with_their_counts(team: Team) -> None:
    admin = team["admin"]
    shared = await make.part(admin, name="Thumbzqshared")
    image = (await upload(admin, shared["pk"], png(color="green")))["image"]
    await make.part(admin, name="Thumbzqcopy", existing_image=image)
    alone = await make.part(admin, name="Thumbzqalone")
    own = (await upload(admin, alone["pk"], png(color="white")))["image"]
    await make.part(admin, name="Thumbzqnone")
    listed = (await admin.get("/api/part/thumbs/", params={"search": "thumbzq"})).json()
    assert listed == [{"image": image, "count": 2}, {"image": own, "count": 1}]
    narrowed = (await admin.get("/api/part/thumbs/", params={"search": "Thumbzqalone"})).json()
    assert narrowed == [{"image": own, "count": 1}]


async def test_thumbs_list_is_paged_with_limit(team: Team) -> None:
    admin = team["admin"]
    part = await make.part(admin)
    await upload(admin, part["pk"], png())
    page = (await admin.get("/api/part/thumbs/", params={"limit": 1})).json()
    assert (len(page["results"]), page["count"] >= 1) == (1, True)


async def test_an_existing_image_no_part_uses_is_refused(team: Team) -> None:
    response = await team["admin"].post(
        "/api/part/", json={"name": "Unknown image", "existing_image": "/api/part/image/x/y.png"}
    )
    assert response.status_code == 400
    assert "existing_image" in response.json()


async def test_thumbs_detail_reads_and_replaces_a_parts_image(team: Team) -> None:
    admin = team["admin"]
    part = await make.part(admin)
    assert (await admin.get(f"/api/part/thumbs/{part['pk']}/")).json() == {"image": None}
    response = await admin.put(
        f"/api/part/thumbs/{part['pk']}/", files={"image": ("a.png", png(), "image/png")}
    )
    assert response.status_code == 200, response.text
    image = response.json()["image"]
    assert image.startswith("/api/part/image/")
    assert (await admin.get(f"/api/part/{part['pk']}/")).json()["image"] == image


async def test_thumbs_put_without_an_image_is_refused(team: Team) -> None:
    part = await make.part(team["admin"])
    response = await team["admin"].put(f"/api/part/thumbs/{part['pk']}/", json={})
    assert response.status_code == 400
    assert response.json() == {"image": ["No file was submitted."]}


async def test_thumbs_of_a_missing_part_is_404(team: Team) -> None:
    assert (await team["admin"].get("/api/part/thumbs/999999/")).status_code == 404


async def test_a_deleted_parts_image_is_removed(team: Team) -> None:
    admin = team["admin"]
    part = await make.part(admin)
    image = (await upload(admin, part["pk"], png()))["image"]
    await admin.patch(f"/api/part/{part['pk']}/", json={"active": False})
    assert (await admin.delete(f"/api/part/{part['pk']}/")).status_code == 204
    assert (await admin.get(image)).status_code == 404
