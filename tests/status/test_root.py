from tests.conftest import Client


async def test_root_answers_anonymously_as_inventree_264(anonymous: Client) -> None:
    response = await anonymous.get("/api/")
    assert response.status_code == 200
    body = response.json()
    assert body["server"] == "InvenTree"
    assert body["apiVersion"] == 264
    assert body["instance"] == "storeroom"
    assert body["database"] in {"sqlite3", "postgresql"}
    assert response.headers["x-api-dialect"] == "drf"


async def test_health_and_readiness_answer_anonymously(anonymous: Client) -> None:
    assert (await anonymous.get("/healthz")).json() == {"status": "ok"}
    assert (await anonymous.get("/readyz")).json() == {"status": "ready"}


async def test_root_is_the_same_through_the_fast_path_and_the_route(anonymous: Client) -> None:
    fast = await anonymous.get("/api/")
    routed = await anonymous.get("/api/", headers={"X-API-Dialect": "drf"})
    assert fast.content == routed.content
    assert fast.headers["content-type"] == routed.headers["content-type"]
    assert fast.headers["vary"] == routed.headers["vary"] == "X-API-Dialect"


async def test_root_in_another_dialect_takes_the_route(anonymous: Client) -> None:
    body = (await anonymous.get("/api/v1/")).json()
    assert body["apiVersion"] == 264
    djblets = await anonymous.get("/api/?api_format=json")
    assert djblets.headers["x-api-dialect"] == "djblets"
