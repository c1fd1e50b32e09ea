"""POST /api/order/ro/{id}/receive/: returned items come back into stock, quarantined."""

from __future__ import annotations

import pytest

from storeroom.models.company import COMPANY
from storeroom.models.order_return import RETURN_ORDER, RETURN_ORDER_LINE_ITEM
from storeroom.models.stock import STOCK_ITEM, STOCK_LOCATION
from storeroom.orders.states import RO
from tests.orders.conftest import Orders, Row

RETURNED_AGAINST_RETURN_ORDER, QUARANTINED = 80, 75


@pytest.fixture
async def returned(orders: Orders) -> dict[str, Row]:
    """An issued return order of a customer's item, and a location to receive it into."""
    customer = await orders.made(COMPANY, is_customer=True)
    item = await orders.made(STOCK_ITEM, quantity=1, status=10, is_building=False)
    await orders.write(STOCK_ITEM.table, item["pk"], customer=customer["pk"], location=None)
    order = await orders.made(RETURN_ORDER, RO["IN_PROGRESS"], customer=customer["pk"])
    line = await orders.made(RETURN_ORDER_LINE_ITEM, order=order["pk"], item=item["pk"])
    location = await orders.made(STOCK_LOCATION, structural=False)
    return {"order": order, "line": line, "item": item, "location": location}


async def test_receiving_brings_the_item_back_quarantined_with_history(
    orders: Orders, returned: dict[str, Row]
) -> None:
    order, line, item = returned["order"], returned["line"], returned["item"]
    body = {"items": [{"item": line["pk"]}], "location": returned["location"]["pk"]}
    response = await orders.act(RETURN_ORDER, order["pk"], "receive", **body)
    assert response.status_code == 201, response.text
    stored = await orders.read(STOCK_ITEM, item["pk"])
    assert (stored["location"], stored["customer"], stored["status"]) == (
        returned["location"]["pk"],
        None,
        QUARANTINED,
    )
    assert (await orders.read(RETURN_ORDER_LINE_ITEM, line["pk"]))["received_date"] is not None
    history = await orders.clients["admin"].get(f"/api/stock/track/?item={item['pk']}")
    [entry] = [e for e in history.json() if e["tracking_type"] == RETURNED_AGAINST_RETURN_ORDER]
    assert entry["deltas"]["returnorder"] == order["pk"]


async def test_a_line_is_received_once(orders: Orders, returned: dict[str, Row]) -> None:
    order, line = returned["order"], returned["line"]
    body = {"items": [{"item": line["pk"]}], "location": returned["location"]["pk"]}
    assert (await orders.act(RETURN_ORDER, order["pk"], "receive", **body)).status_code == 201
    again = await orders.act(RETURN_ORDER, order["pk"], "receive", **body)
    assert (again.status_code, again.json()) == (
        400,
        {"items": [{"item": ["Line item has already been received"]}]},
    )


async def test_an_order_not_in_progress_cannot_receive(
    orders: Orders, returned: dict[str, Row]
) -> None:
    order, line, item = returned["order"], returned["line"], returned["item"]
    await orders.write(RETURN_ORDER.table, order["pk"], status=RO["PENDING"])
    body = {"items": [{"item": line["pk"]}], "location": returned["location"]["pk"]}
    response = await orders.act(RETURN_ORDER, order["pk"], "receive", **body)
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Items can only be received against orders which are in progress"]},
    )
    assert (await orders.read(STOCK_ITEM, item["pk"]))["location"] is None
