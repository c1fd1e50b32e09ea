"""A stock item given a custom state: `status` keeps the logical key, `status_custom_key` the
custom key, `status_text` the custom label, and `?status=` matches either key."""

from tests.conftest import Client
from tests.states.conftest import make_item, make_state


async def test_a_custom_state_is_used_by_a_stock_item_end_to_end(client: Client) -> None:
    await make_state(client, key=110, name="INSPECTED", label="OK, inspected", logical_key=10)
    custom = await make_item(client, status=110)
    plain = await make_item(client)
    assert (custom["status"], custom["status_custom_key"], custom["status_text"]) == (
        10,
        110,
        "OK, inspected",
    )
    assert (await client.get(f"/api/stock/{custom['pk']}/")).json() == custom
    assert (plain["status"], plain["status_custom_key"], plain["status_text"]) == (10, None, "OK")
    by_custom = (await client.get("/api/stock/", params={"status": 110})).json()
    by_logical = (await client.get("/api/stock/", params={"status": 10})).json()
    assert [item["pk"] for item in by_custom] == [custom["pk"]]
    assert sorted(item["pk"] for item in by_logical) == sorted([custom["pk"], plain["pk"]])
    values = (await client.get("/api/generic/status/StockStatus/")).json()["values"]
    assert values["INSPECTED"] == {
        "key": 110,
        "name": "INSPECTED",
        "label": "OK, inspected",
        "color": "secondary",
        "logical_key": 10,
        "custom": True,
    }


async def test_an_unknown_key_is_a_400_on_status(client: Client) -> None:
    part = (await client.post("/api/part/", json={"name": "Widget"})).json()["pk"]
    response = await client.post("/api/stock/", json={"part": part, "quantity": 1, "status": 999})
    assert response.status_code == 400
    assert response.json() == {"status": ['"999" is not a valid choice.']}


async def test_another_classes_custom_key_is_a_400_on_status(client: Client) -> None:
    await make_state(client, reference_status="BuildStatus", logical_key=20)
    part = (await client.post("/api/part/", json={"name": "Widget"})).json()["pk"]
    response = await client.post("/api/stock/", json={"part": part, "quantity": 1, "status": 101})
    assert response.status_code == 400
    assert list(response.json()) == ["status"]


async def test_writing_the_custom_key_sets_its_logical_status(client: Client) -> None:
    await make_state(client)
    item = await make_item(client)
    response = await client.patch(f"/api/stock/{item['pk']}/", json={"status_custom_key": 101})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["status_custom_key"], body["status_text"]) == (
        50,
        101,
        "Needs repaint",
    )


async def test_a_built_in_status_clears_the_custom_key(client: Client) -> None:
    await make_state(client)
    item = await make_item(client, status=101)
    response = await client.patch(f"/api/stock/{item['pk']}/", json={"status": 55})
    body = response.json()
    assert (body["status"], body["status_custom_key"], body["status_text"]) == (55, None, "Damaged")


async def test_keys_that_disagree_are_a_400_on_status_custom_key(client: Client) -> None:
    await make_state(client)
    item = await make_item(client)
    response = await client.patch(
        f"/api/stock/{item['pk']}/", json={"status": 10, "status_custom_key": 101}
    )
    assert response.status_code == 400
    assert response.json() == {"status_custom_key": ["Does not stand for status 10."]}


async def test_orders_and_builds_show_their_status_text(client: Client) -> None:
    order = await client.post("/api/order/po/", json={"reference": "PO-1", "supplier": None})
    assert order.status_code == 201, order.text
    body = order.json()
    assert (body["status"], body["status_custom_key"], body["status_text"]) == (10, None, "Pending")
    found = (await client.get("/api/order/po/", params={"status": 10})).json()
    assert [each["pk"] for each in found] == [body["pk"]]
