"""Hand-written endpoints answer in Djblets' envelope, and lists are paged in every dialect that
pages; Djblets' list keys and `start` follow Djblets."""

from __future__ import annotations

import pytest

from tests.conftest import Client

# Each answers an object; under Djblets it carries `stat: ok` beside its fields.
OBJECT_ENDPOINTS = {
    "/api/": "apiVersion",
    "/api/user/me/": "username",
    "/api/user/token/": "token",
    "/api/version/": "version",
    "/api/currency/exchange/": "base_currency",
    "/api/generic/status/": "StockStatus",
    "/api/generic/status/StockStatus/": "values",
}


@pytest.mark.parametrize("path", list(OBJECT_ENDPOINTS))
async def test_an_object_answer_carries_stat_ok_under_djblets(client: Client, path: str) -> None:
    drf = (await client.get(path)).json()
    djblets = await client.get(f"{path}?api_format=json")
    assert djblets.status_code == 200
    # The same fields (a token is new on every call, so values are not compared).
    assert (djblets.json()["stat"], djblets.json().keys()) == ("ok", {"stat", *drf})
    assert OBJECT_ENDPOINTS[path] in drf


async def test_metadata_carries_stat_ok_under_djblets(client: Client) -> None:
    created = (await client.post("/api/part/category/", json={"name": "Bolts"})).json()
    path = f"/api/part/category/{created['pk']}/metadata/"
    await client.patch(path, json={"metadata": {"shelf": 3}})
    body = (await client.get(f"{path}?api_format=json")).json()
    assert body == {"stat": "ok", "metadata": {"shelf": 3}}


async def test_importer_models_is_a_bare_list_under_drf(client: Client) -> None:
    body = (await client.get("/api/importer/models/?limit=1")).json()
    assert isinstance(body, list)
    assert len(body) > 1


async def test_importer_models_is_paged_under_deep(client: Client) -> None:
    every = (await client.get("/api/importer/models/")).json()
    body = (await client.get("/api/v1/importer/models/?limit=1&offset=1")).json()
    assert (body["count"], len(body["results"])) == (len(every), 1)
    assert body["results"][0]["modelType"] == every[1]["model_type"]


async def test_importer_models_is_paged_under_rbac(client: Client) -> None:
    every = (await client.get("/api/importer/models/")).json()
    body = (await client.get("/api/rbac/v1/importer/models/?limit=2")).json()
    assert body["meta"] == {"count": len(every), "limit": 2, "offset": 0}
    assert body["data"] == every[:2]


async def test_importer_models_is_a_djblets_page(client: Client) -> None:
    every = (await client.get("/api/importer/models/")).json()
    body = (await client.get("/api/importer/models/?api_format=json&max-results=2")).json()
    assert (body["stat"], body["total_results"], body["models"]) == ("ok", len(every), every[:2])


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/api/part/category/", "part_categories"),
        ("/api/company/", "companies"),
        ("/api/company/address/", "addresses"),
        ("/api/stock/", "stock_items"),
    ],
)
async def test_a_djblets_page_is_keyed_by_the_models_plural(
    client: Client, path: str, key: str
) -> None:
    body = (await client.get(f"{path}?api_format=json")).json()
    assert body["stat"] == "ok"
    assert body[key] == []


async def make_categories(client: Client, count: int) -> None:
    for number in range(count):
        response = await client.post("/api/part/category/", json={"name": f"Category {number}"})
        assert response.status_code == 201


async def test_a_negative_djblets_start_is_read_as_zero(client: Client) -> None:
    await make_categories(client, 3)
    body = (await client.get("/api/part/category/?api_format=json&start=-5&max-results=2")).json()
    assert [item["name"] for item in body["part_categories"]] == ["Category 0", "Category 1"]
    assert "prev" not in body["links"]


async def test_a_djblets_start_that_is_not_a_number_is_read_as_zero(client: Client) -> None:
    await make_categories(client, 2)
    body = (await client.get("/api/part/category/?api_format=json&start=abc")).json()
    assert [item["name"] for item in body["part_categories"]] == ["Category 0", "Category 1"]
