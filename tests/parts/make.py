"""Small factories for the parts tests, through the API."""

from __future__ import annotations

import itertools
from typing import Any

from httpx import AsyncClient

_numbers = itertools.count(1)


async def post(client: AsyncClient, path: str, **body: Any) -> dict[str, Any]:
    response = await client.post(path, json=body)
    assert response.status_code == 201, (path, body, response.text)
    return dict(response.json())


async def part(client: AsyncClient, **fields: Any) -> dict[str, Any]:
    return await post(client, "/api/part/", **{"name": f"Part {next(_numbers)}", **fields})


async def category(client: AsyncClient, **fields: Any) -> dict[str, Any]:
    return await post(
        client, "/api/part/category/", **{"name": f"Category {next(_numbers)}", **fields}
    )


async def stock(client: AsyncClient, part_pk: int, quantity: float, **fields: Any) -> Any:
    return await post(client, "/api/stock/", part=part_pk, quantity=quantity, **fields)


async def bom_line(
    client: AsyncClient, assembly: int, component: int, quantity: float = 1, **fields: Any
) -> dict[str, Any]:
    return await post(
        client, "/api/bom/", part=assembly, sub_part=component, quantity=quantity, **fields
    )


async def pks(client: AsyncClient, path: str, **params: Any) -> set[int]:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return {item["pk"] for item in response.json()}
