"""The real `inventree` client on part images: `Part.uploadImage()` stores the image, the part
answers its URL and thumbnail, `downloadImage()` fetches it back; a file that is not an image is
refused with the field named. (Requirements, internal prices and related parts:
tests/clients/test_inventree_parts.py.)"""

from pathlib import Path

import pytest
from inventree.api import InvenTreeAPI
from inventree.part import Part
from PIL import Image
from requests.exceptions import HTTPError

from tests.conftest import PASSWORD


def test_client_uploads_and_downloads_a_part_image(live_server: str, tmp_path: Path) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    part = Part.create(api, {"name": "Camera", "description": "With a photo"})
    photo = tmp_path / "camera.jpg"
    Image.new("RGB", (640, 480), "navy").save(photo, "JPEG")

    answer = part.uploadImage(str(photo))

    assert answer["image"].endswith("/image.jpg")
    part.reload()
    assert part.image == answer["image"]
    assert part.thumbnail.endswith("/thumbnail.png")
    fetched = tmp_path / "fetched.jpg"
    part.downloadImage(str(fetched))
    assert fetched.read_bytes() == photo.read_bytes()


def test_client_upload_of_a_file_that_is_not_an_image_changes_nothing(
    live_server: str, tmp_path: Path
) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    part = Part.create(api, {"name": "Blank", "description": "No photo"})
    text = tmp_path / "notes.png"
    text.write_text("not an image")

    with pytest.raises(HTTPError) as refused:
        part.uploadImage(str(text))

    assert refused.value.args[0]["status_code"] == 400
    assert '"image":' in refused.value.args[0]["body"]

    part.reload()
    assert part.image is None
