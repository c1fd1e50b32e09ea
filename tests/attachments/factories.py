"""Targets and attachments, made through the API."""

from __future__ import annotations

from typing import Any

import httpx

from storeroom.models.registry import BY_MODEL_TYPE
from tests.models.make import make

URL = "/api/attachment/"


async def make_target(client: httpx.AsyncClient, model_type: str = "part") -> int:
    return int((await make(client, BY_MODEL_TYPE[model_type]))["pk"])


async def upload(
    client: httpx.AsyncClient,
    model_id: int,
    content: bytes = b"hello attachment",
    filename: str = "notes.txt",
    model_type: str = "part",
    **fields: Any,
) -> httpx.Response:
    form = {"model_type": model_type, "model_id": str(model_id), **fields}
    return await client.post(
        URL, data=form, files={"attachment": (filename, content, "text/plain")}
    )


async def uploaded(client: httpx.AsyncClient, model_id: int, **options: Any) -> dict[str, Any]:
    response = await upload(client, model_id, **options)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def linked(
    client: httpx.AsyncClient,
    model_id: int,
    link: str = "https://example.com/datasheet.pdf",
    model_type: str = "part",
    **fields: Any,
) -> dict[str, Any]:
    body = {"model_type": model_type, "model_id": model_id, "link": link, **fields}
    response = await client.post(URL, json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())
