"""Custom states: a key and a name each mean one state of a status class."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

PATH = "/api/generic/status/custom/"


def state(**values: Any) -> dict[str, Any]:
    body = {"key": 101, "name": "REPAINT", "label": "Needs repaint", "logical_key": 50}
    return {**body, "model": 4, "reference_status": "StockStatus", **values}


async def test_a_key_is_unique_within_its_status_class(admin: AsyncClient) -> None:
    assert (await admin.post(PATH, json=state(key=201, name="A"))).status_code == 201
    response = await admin.post(PATH, json=state(key=201, name="B"))
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["The fields reference_status, key must make a unique set."]
    }


async def test_a_name_is_unique_within_its_status_class(admin: AsyncClient) -> None:
    assert (await admin.post(PATH, json=state(key=301, name="C"))).status_code == 201
    response = await admin.post(PATH, json=state(key=302, name="C"))
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["The fields reference_status, name must make a unique set."]
    }


async def test_another_status_class_may_use_the_same_key_and_name(admin: AsyncClient) -> None:
    assert (await admin.post(PATH, json=state(key=401, name="D"))).status_code == 201
    other = state(key=401, name="D", reference_status="BuildStatus", logical_key=20)
    response = await admin.post(PATH, json=other)
    assert response.status_code == 201
    assert response.json()["color"] == "secondary"
