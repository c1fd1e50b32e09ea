"""Parts and stock items for the generate tests, made through the API."""

from tests.conftest import Client


async def make_part(client: Client, name: str, **fields: object) -> int:
    response = await client.post("/api/part/", json={"name": name, **fields})
    assert response.status_code == 201, response.text
    return int(response.json()["pk"])


async def make_item(client: Client, part: int, serial: str) -> None:
    response = await client.post(
        "/api/stock/", json={"part": part, "quantity": 1, "serial": serial}
    )
    assert response.status_code == 201, response.text


async def serial_for(client: Client, part: int, **fields: object) -> str:
    response = await client.post("/api/generate/serial-number/", json={"part": part, **fields})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["serial"] == body["serial_number"]
    return str(body["serial"])
