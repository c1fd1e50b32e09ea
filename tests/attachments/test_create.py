"""POST /api/attachment/: a file (multipart, streamed to storage) or a link, on a target that
exists in the tenant, by a user with the change right on the target's ruleset."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Awaitable, Callable

from litestar import Litestar

from storeroom.settings import Settings
from tests.attachments.conftest import break_storage, stored_keys
from tests.attachments.factories import URL, linked, make_target, upload, uploaded
from tests.conftest import PASSWORD, Client, basic


async def test_upload_records_file_user_date_and_size(client: Client, settings: Settings) -> None:
    part = await make_target(client)
    created = await uploaded(client, part, content=b"x" * 1000, comment="spec", tags="a,b")
    assert created["filename"] == "notes.txt"
    assert created["file_size"] == 1000
    assert created["comment"] == "spec"
    assert created["tags"] == ["a", "b"]
    assert created["link"] is None
    assert (created["model_type"], created["model_id"]) == ("part", part)
    assert created["upload_user"] == created["user_detail"]["pk"]
    assert created["user_detail"]["username"] == "admin"
    assert created["upload_date"] == datetime.datetime.now(datetime.UTC).date().isoformat()
    assert created["attachment"] == f"/api/attachment/{created['pk']}/download/notes.txt"
    assert len(stored_keys(settings)) == 1


async def test_link_by_json(client: Client) -> None:
    part = await make_target(client)
    created = await linked(client, part, comment="datasheet", tags=["pdf"])
    assert created["link"] == "https://example.com/datasheet.pdf"
    assert created["attachment"] is None
    assert (created["file_size"], created["filename"], created["tags"]) == (0, "", ["pdf"])


async def test_link_by_form(client: Client) -> None:
    part = await make_target(client)
    body = {"model_type": "part", "model_id": str(part), "link": "https://example.com/a"}
    response = await client.post(URL, data=body)
    assert response.status_code == 201, response.text
    assert response.json()["link"] == "https://example.com/a"


async def test_neither_file_nor_link_is_400(client: Client) -> None:
    part = await make_target(client)
    response = await client.post(URL, json={"model_type": "part", "model_id": part})
    assert response.status_code == 400
    assert set(response.json()) == {"attachment", "link"}


async def test_file_and_link_together_is_400_and_keeps_nothing(
    client: Client, settings: Settings
) -> None:
    part = await make_target(client)
    response = await upload(client, part, link="https://example.com/")
    assert response.status_code == 400
    assert "not both" in response.json()["non_field_errors"][0]
    assert stored_keys(settings) == []


async def test_unknown_model_type_is_400(client: Client, settings: Settings) -> None:
    response = await upload(client, 1, model_type="spaceship")
    assert response.status_code == 400
    assert "not a valid choice" in response.json()["model_type"][0]
    assert stored_keys(settings) == []


async def test_missing_target_is_400_and_keeps_nothing(client: Client, settings: Settings) -> None:
    response = await upload(client, 999_999)
    assert response.status_code == 400
    assert "999999" in response.json()["model_id"][0]
    assert stored_keys(settings) == []
    assert (await client.get(URL)).json() == []


async def test_invalid_link_is_400(client: Client) -> None:
    part = await make_target(client)
    body = {"model_type": "part", "model_id": part, "link": "javascript:alert(1)"}
    response = await client.post(URL, json=body)
    assert response.status_code == 400
    assert response.json()["link"] == ["Enter a valid URL."]


async def test_traversal_filename_is_sanitised_and_stays_in_the_tenant(
    client: Client, settings: Settings
) -> None:
    part = await make_target(client)
    # Written by hand: HTTP clients would percent-encode the control character.
    body = (
        f'--B\r\nContent-Disposition: form-data; name="model_type"\r\n\r\npart\r\n'
        f'--B\r\nContent-Disposition: form-data; name="model_id"\r\n\r\n{part}\r\n'
        '--B\r\nContent-Disposition: form-data; name="attachment"; '
        'filename="../..\\etc/pass\x07wd"\r\n\r\nsecret\r\n--B--\r\n'
    ).encode()
    headers = {"Content-Type": "multipart/form-data; boundary=B"}
    response = await client.post(URL, content=body, headers=headers)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["filename"] == "passwd"
    assert created["attachment"].endswith("/download/passwd")
    (key,) = stored_keys(settings)
    assert key.endswith("/passwd")
    assert ".." not in key


async def test_unicode_filename_is_kept_for_display(client: Client, settings: Settings) -> None:
    part = await make_target(client)
    created = await uploaded(client, part, filename="Résumé 2024.pdf")
    assert created["filename"] == "Résumé 2024.pdf"
    assert created["attachment"].endswith("/download/Resume_2024.pdf")


async def test_oversize_file_is_413_and_leaves_nothing(
    settings: Settings, anonymous_factory: Callable[[Settings], Awaitable[Client]]
) -> None:
    limited = dataclasses.replace(settings, attachment_max_size=10_000)
    client = await anonymous_factory(limited)
    # A token of its own: asking for another "tests" token would end the module's.
    answer = await client.get("/api/user/token/?name=second-app", headers=basic("admin", PASSWORD))
    client.headers["Authorization"] = f"Token {answer.json()['token']}"
    part = await make_target(client)
    response = await upload(client, part, content=b"y" * 10_001)
    assert response.status_code == 413
    assert "larger" in response.json()["detail"]
    assert stored_keys(limited) == []
    assert (await client.get(URL)).json() == []


async def test_wrong_content_type_is_415(client: Client) -> None:
    response = await client.post(
        URL, content=b"model_type=part", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 415
    assert "text/plain" in response.json()["detail"]


async def test_attachment_as_plain_field_is_400(client: Client) -> None:
    part = await make_target(client)
    body = {"model_type": "part", "model_id": part, "attachment": "not-a-file"}
    response = await client.post(URL, json=body)
    assert response.status_code == 400
    assert "not a file" in response.json()["attachment"][0]


async def test_broken_multipart_is_400_and_leaves_nothing(
    client: Client, settings: Settings
) -> None:
    body = (
        b'--B\r\nContent-Disposition: form-data; name="attachment"; filename="a.txt"\r\n\r\n'
        b"unfinished"
    )
    headers = {"Content-Type": "multipart/form-data; boundary=B"}
    response = await client.post(URL, content=body, headers=headers)
    assert response.status_code == 400
    assert stored_keys(settings) == []


async def test_user_without_change_right_is_403_and_nothing_is_stored(
    client: Client, login_as, settings: Settings
) -> None:
    part = await make_target(client)
    viewer = await login_as("viewer", rules={"part": ("view",)})
    response = await upload(viewer, part)
    assert response.status_code == 403
    assert response.json()["detail"]
    assert stored_keys(settings) == []


async def test_right_on_another_ruleset_is_not_enough(
    client: Client, login_as, settings: Settings
) -> None:
    part = await make_target(client)
    builder = await login_as("builder", rules={"build": ("view", "change")})
    response = await upload(builder, part)
    assert response.status_code == 403
    assert stored_keys(settings) == []


async def test_user_with_change_right_uploads(client: Client, login_as) -> None:
    part = await make_target(client)
    editor = await login_as("editor", rules={"part": ("view", "change")})
    response = await upload(editor, part)
    assert response.status_code == 201, response.text
    assert response.json()["user_detail"]["username"] == "editor"


async def test_storage_down_is_503_and_leaves_no_row(
    client: Client, app: Litestar, settings: Settings
) -> None:
    part = await make_target(client)
    break_storage(app, settings)
    response = await upload(client, part)
    assert response.status_code == 503
    assert "unavailable" in response.json()["detail"]
    assert (await client.get(URL)).json() == []
