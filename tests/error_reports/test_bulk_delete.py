from tests.conftest import Client
from tests.error_reports.factories import make_reports


async def test_bulk_delete_by_items(client: Client, app) -> None:
    ids = await make_reports(app, 4)
    response = await client.request("DELETE", "/api/error-report/", json={"items": ids[:3]})
    assert response.status_code == 204
    assert [item["pk"] for item in (await client.get("/api/error-report/")).json()] == [ids[3]]


async def test_bulk_delete_ignores_unknown_ids(client: Client, app) -> None:
    ids = await make_reports(app, 1)
    response = await client.request("DELETE", "/api/error-report/", json={"items": [ids[0], 99999]})
    assert response.status_code == 204
    assert (await client.get("/api/error-report/")).json() == []


async def test_bulk_delete_needs_items_or_filters(client: Client, app) -> None:
    await make_reports(app, 1)
    response = await client.request("DELETE", "/api/error-report/", json={})
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["List of items or filters must be provided."]}
    assert len((await client.get("/api/error-report/")).json()) == 1


async def test_bulk_delete_refuses_undeclared_filters(client: Client, app) -> None:
    await make_reports(app, 1)
    response = await client.request(
        "DELETE", "/api/error-report/", json={"filters": {"info__startswith": "Value"}}
    )
    assert response.status_code == 400
    assert "info__startswith" in response.json()["filters"][0]
    assert len((await client.get("/api/error-report/")).json()) == 1


async def test_bulk_delete_rejects_non_integer_items(client: Client) -> None:
    response = await client.request("DELETE", "/api/error-report/", json={"items": ["1; drop"]})
    assert response.status_code == 400
    assert response.json() == {"items": ["Every item must be an integer id."]}


async def test_bulk_delete_ignores_ids_beyond_the_id_range(client: Client, app) -> None:
    ids = await make_reports(app, 2)
    response = await client.request(
        "DELETE", "/api/error-report/", json={"items": [ids[0], 2**63, -(2**70)]}
    )
    assert response.status_code == 204
    assert [item["pk"] for item in (await client.get("/api/error-report/")).json()] == [ids[1]]
    only_huge = await client.request("DELETE", "/api/error-report/", json={"items": [2**40]})
    assert only_huge.status_code == 204
    assert len((await client.get("/api/error-report/")).json()) == 1
