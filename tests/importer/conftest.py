"""Helpers for the importer's tests: upload a file, wait for a step, walk the workflow."""

from __future__ import annotations

import asyncio
from typing import Any

import msgspec

from tests.conftest import Client

PART_CSV = (
    "Name,Description,Category,IPN,Active\n"
    "Resistor 10k,A resistor,Electronics,R-10K,true\n"
    "Capacitor 1u,A capacitor,Electronics/Capacitors,C-1U,no\n"
)


async def upload(
    client: Client,
    content: bytes | str,
    filename: str = "parts.csv",
    model_type: str = "part",
    **options: Any,
) -> Any:
    data = {"model_type": model_type}
    data.update({name: msgspec.json.encode(value).decode() for name, value in options.items()})
    raw = content.encode() if isinstance(content, str) else content
    return await client.post(
        "/api/importer/session/", data=data, files={"data_file": (filename, raw)}
    )


async def wait_for(client: Client, pk: int, statuses: set[int]) -> dict[str, Any]:
    """The session once its status is one of `statuses` (background steps are quick here)."""
    for _ in range(400):
        response = await client.get(f"/api/importer/session/{pk}/")
        assert response.status_code == 200, response.text
        session: dict[str, Any] = response.json()
        if session["status"] in statuses:
            return session
        await asyncio.sleep(0.02)
    raise AssertionError(f"session {pk} stayed at {session['status']}: {session}")


async def wait_for_imported(client: Client, pk: int, count: int) -> dict[str, Any]:
    """The session once `count` of its rows are imported (a large selection is imported by the
    queue's workers after accept_rows answers)."""
    for _ in range(1500):
        response = await client.get(f"/api/importer/session/{pk}/")
        session: dict[str, Any] = response.json()
        if session["completed_row_count"] >= count or session["error"]:
            return session
        await asyncio.sleep(0.02)
    raise AssertionError(f"session {pk} imported {session['completed_row_count']} rows: {session}")


async def mapped_session(client: Client, content: bytes | str, **kwargs: Any) -> dict[str, Any]:
    response = await upload(client, content, **kwargs)
    assert response.status_code == 201, response.text
    return await wait_for(client, response.json()["pk"], {10, 40})


async def processed_session(client: Client, content: bytes | str, **kwargs: Any) -> dict[str, Any]:
    session = await mapped_session(client, content, **kwargs)
    assert session["status"] == 10, session
    accepted = await client.post(f"/api/importer/session/{session['pk']}/accept_fields/")
    assert accepted.status_code == 200, accepted.text
    return await wait_for(client, session["pk"], {30, 40})


async def rows_of(client: Client, pk: int) -> list[dict[str, Any]]:
    response = await client.get(f"/api/importer/row/?session={pk}&ordering=row_index")
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()
    return rows


async def make_category(client: Client, name: str, parent: int | None = None) -> int:
    response = await client.post("/api/part/category/", json={"name": name, "parent": parent})
    assert response.status_code == 201, response.text
    return int(response.json()["pk"])
