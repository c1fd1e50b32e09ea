"""Custom states and stock items for the states tests, made through the API."""

import itertools
from typing import Any

from tests.conftest import Client

_numbers = itertools.count(1)

CUSTOM = "/api/generic/status/custom/"


async def content_type(client: Client, model_type: str) -> int:
    response = await client.get(f"/api/contenttype/model/{model_type}/")
    assert response.status_code == 200, response.text
    return int(response.json()["pk"])


async def state_body(client: Client, **values: Any) -> dict[str, Any]:
    """A valid StockStatus custom state (REPAINT, 101, standing for ATTENTION) with `values`."""
    body = {"key": 101, "name": "REPAINT", "label": "Needs repaint", "logical_key": 50}
    model = await content_type(client, "stockitem")
    return {**body, "model": model, "reference_status": "StockStatus", **values}


async def make_state(client: Client, **values: Any) -> dict[str, Any]:
    response = await client.post(CUSTOM, json=await state_body(client, **values))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def make_item(client: Client, **values: Any) -> dict[str, Any]:
    part = await client.post("/api/part/", json={"name": f"Widget {next(_numbers)}"})
    assert part.status_code == 201, part.text
    response = await client.post(
        "/api/stock/", json={"part": part.json()["pk"], "quantity": 1, **values}
    )
    assert response.status_code == 201, response.text
    return dict(response.json())
