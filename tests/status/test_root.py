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
