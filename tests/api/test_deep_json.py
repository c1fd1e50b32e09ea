"""JSON nested deeper than any field needs is a 400 with a clear message, not a 500 (issue #12)."""

from tests.conftest import Client

TOO_DEEP = "JSON parse error - nested more than 100 levels deep."


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


async def make_company(client: Client) -> int:
    response = await client.post("/api/company/", json={"name": "Acme", "currency": "EUR"})
    assert response.status_code == 201, response.text
    return int(response.json()["pk"])


async def test_a_body_nested_100000_deep_is_400(client: Client) -> None:
    body = b'{"name": ' + nested(100_000) + b"}"
    response = await client.post(
        "/api/company/", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json() == {"detail": TOO_DEEP}


async def test_a_metadata_patch_nested_5000_deep_is_400(client: Client) -> None:
    pk = await make_company(client)
    body = b'{"metadata": {"a": ' + nested(5000) + b"}}"
    response = await client.patch(
        f"/api/company/{pk}/metadata/", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json() == {"detail": TOO_DEEP}
    assert (await client.get(f"/api/company/{pk}/metadata/")).json() == {"metadata": {}}


async def test_a_body_nested_too_deep_records_no_error_report(client: Client) -> None:
    body = b'{"metadata": {"a": ' + nested(5000) + b"}}"
    pk = await make_company(client)
    response = await client.patch(
        f"/api/company/{pk}/metadata/", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert (await client.get("/api/error-report/")).json() == []


async def test_metadata_nested_within_the_limit_is_stored(client: Client) -> None:
    pk = await make_company(client)
    deep: object = "bottom"
    for _ in range(98):
        deep = [deep]
    response = await client.patch(f"/api/company/{pk}/metadata/", json={"metadata": {"a": deep}})
    assert response.status_code == 200, response.text
    assert (await client.get(f"/api/company/{pk}/metadata/")).json() == {"metadata": {"a": deep}}
