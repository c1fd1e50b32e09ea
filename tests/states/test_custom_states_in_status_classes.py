"""GET /api/generic/status/ and /{statusmodel}/ merge the tenant's custom states into every class,
after the built-in values."""

from tests.conftest import Client
from tests.states.conftest import content_type, make_state


async def test_custom_states_follow_the_built_in_values_of_their_class(client: Client) -> None:
    await make_state(client)
    order = await content_type(client, "purchaseorder")
    await make_state(
        client,
        reference_status="PurchaseOrderStatus",
        logical_key=20,
        key=201,
        name="SENT",
        label="Sent",
        model=order,
        color="info",
    )
    listed = (await client.get("/api/generic/status/")).json()
    stock = listed["StockStatus"]["values"]
    assert list(stock)[-1] == "REPAINT"
    assert stock["REPAINT"]["custom"] is True
    assert listed["PurchaseOrderStatus"]["values"]["SENT"] == {
        "key": 201,
        "name": "SENT",
        "label": "Sent",
        "color": "info",
        "logical_key": 20,
        "custom": True,
    }
    assert "REPAINT" not in listed["BuildStatus"]["values"]
    one = (await client.get("/api/generic/status/PurchaseOrderStatus/")).json()
    assert one["values"] == listed["PurchaseOrderStatus"]["values"]
