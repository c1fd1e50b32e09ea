"""Fields of orders and lines read from other rows: `total_price` in the order's currency, the
nested `*_detail` objects, `barcode_hash` (the `responsible` owner: test_responsible.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import sqlalchemy as sa

from storeroom.api.context import ApiContext
from storeroom.currency.tables import currency_rate_table
from storeroom.models.company import ADDRESS, COMPANY, CONTACT
from storeroom.models.order_purchase import (
    PURCHASE_ORDER,
    PURCHASE_ORDER_EXTRA_LINE,
    PURCHASE_ORDER_LINE_ITEM,
)
from storeroom.models.order_return import RETURN_ORDER, RETURN_ORDER_LINE_ITEM
from storeroom.models.order_sales import SALES_ORDER, SALES_ORDER_EXTRA_LINE, SALES_ORDER_LINE_ITEM
from storeroom.models.project import PROJECT_CODE
from storeroom.models.stock import STOCK_ITEM, STOCK_LOCATION
from storeroom.models.supplier import SUPPLIER_PART
from tests.orders.conftest import Orders, Row


async def set_rates(orders: Orders, **rates: str) -> None:
    """The tenant's exchange rates against USD, replacing any others."""
    context: ApiContext = orders.app.state.api
    moment = datetime.now(UTC)
    async with context.databases.tenant_transaction("default") as connection:
        await connection.execute(sa.delete(currency_rate_table))
        rows = [
            {"currency": code, "rate": Decimal(rate), "base_currency": "USD", "fetched": moment}
            for code, rate in rates.items()
        ]
        await connection.execute(sa.insert(currency_rate_table), rows)


async def purchase_order(orders: Orders, **fields: object) -> tuple[Row, Row]:
    """A purchase order of a supplier trading in USD, and a supplier part of that supplier."""
    supplier = await orders.made(COMPANY, is_supplier=True, currency="USD")
    supplier_part = await orders.made(SUPPLIER_PART, supplier=supplier["pk"])
    empty = {"order_currency": None, "contact": None, "address": None, "project_code": None}
    order = await orders.made(
        PURCHASE_ORDER, supplier=supplier["pk"], responsible=None, **{**empty, **fields}
    )
    return order, supplier_part


async def priced_line(orders: Orders, order: Row, supplier_part: Row, **fields: object) -> None:
    await orders.made(
        PURCHASE_ORDER_LINE_ITEM, order=order["pk"], part=supplier_part["pk"], **fields
    )


async def test_total_price_sums_priced_lines_and_extra_lines(orders: Orders) -> None:
    order, supplier_part = await purchase_order(orders)
    await priced_line(
        orders,
        order,
        supplier_part,
        quantity=4,
        purchase_price="2.5",
        purchase_price_currency="USD",
    )
    await priced_line(orders, order, supplier_part, quantity=9, purchase_price=None)
    await orders.made(
        PURCHASE_ORDER_EXTRA_LINE, order=order["pk"], quantity=2, price="1.5", price_currency="USD"
    )
    assert (await orders.read(PURCHASE_ORDER, order["pk"]))["total_price"] == "13.0000"


async def test_total_price_of_an_order_without_lines_is_zero(orders: Orders) -> None:
    order, _ = await purchase_order(orders)
    assert (await orders.read(PURCHASE_ORDER, order["pk"]))["total_price"] == "0.0000"


async def test_total_price_converts_lines_into_the_order_currency(orders: Orders) -> None:
    await set_rates(orders, USD="1", EUR="0.5")
    order, supplier_part = await purchase_order(orders, order_currency="EUR")
    await priced_line(
        orders, order, supplier_part, quantity=2, purchase_price="10", purchase_price_currency="USD"
    )
    await priced_line(
        orders, order, supplier_part, quantity=1, purchase_price="3", purchase_price_currency="EUR"
    )
    assert (await orders.read(PURCHASE_ORDER, order["pk"]))["total_price"] == "13.0000"


async def test_total_price_is_null_when_a_rate_is_missing(orders: Orders) -> None:
    await set_rates(orders, USD="1")
    order, supplier_part = await purchase_order(orders)
    await priced_line(
        orders, order, supplier_part, quantity=1, purchase_price="4", purchase_price_currency="USD"
    )
    await priced_line(
        orders, order, supplier_part, quantity=1, purchase_price="3", purchase_price_currency="AUD"
    )
    assert (await orders.read(PURCHASE_ORDER, order["pk"]))["total_price"] is None


async def test_sales_order_total_price_reads_sale_prices(orders: Orders) -> None:
    customer = await orders.made(COMPANY, is_customer=True, currency="USD")
    order = await orders.made(SALES_ORDER, customer=customer["pk"], order_currency="")
    await orders.made(
        SALES_ORDER_LINE_ITEM,
        order=order["pk"],
        quantity=3,
        sale_price="2",
        sale_price_currency="USD",
    )
    await orders.made(
        SALES_ORDER_EXTRA_LINE, order=order["pk"], quantity=1, price="0.5", price_currency="USD"
    )
    assert (await orders.read(SALES_ORDER, order["pk"]))["total_price"] == "6.5000"


async def test_return_order_total_price_counts_each_line_once(orders: Orders) -> None:
    customer = await orders.made(COMPANY, is_customer=True, currency="USD")
    order = await orders.made(RETURN_ORDER, customer=customer["pk"], order_currency="USD")
    for price in ("4", "1.25"):
        item = await orders.made(STOCK_ITEM, quantity=5, serial=None)
        await orders.made(
            RETURN_ORDER_LINE_ITEM,
            order=order["pk"],
            item=item["pk"],
            price=price,
            price_currency="USD",
        )
    assert (await orders.read(RETURN_ORDER, order["pk"]))["total_price"] == "5.2500"


async def test_contact_address_and_project_code_details_are_nested(orders: Orders) -> None:
    supplier = await orders.made(COMPANY, is_supplier=True, name="Acme")
    contact = await orders.made(
        CONTACT, company=supplier["pk"], name="Ann", phone="1", email="a@b.c", role="buyer"
    )
    address = await orders.made(ADDRESS, company=supplier["pk"], line1="1 Road", country="NZ")
    project = await orders.made(PROJECT_CODE, code="PRJ-1", description="Project")
    order = await orders.made(
        PURCHASE_ORDER,
        supplier=supplier["pk"],
        contact=contact["pk"],
        address=address["pk"],
        project_code=project["pk"],
    )
    shown = await orders.read(PURCHASE_ORDER, order["pk"])
    assert shown["contact_detail"] == {
        "pk": contact["pk"],
        "company": supplier["pk"],
        "company_name": "Acme",
        "name": "Ann",
        "phone": "1",
        "email": "a@b.c",
        "role": "buyer",
    }
    assert (shown["address_detail"]["pk"], shown["address_detail"]["line1"]) == (
        address["pk"],
        "1 Road",
    )
    assert shown["address_detail"]["country"] == "NZ"
    assert shown["project_code_detail"] == {
        "pk": project["pk"],
        "code": "PRJ-1",
        "description": "Project",
    }


async def test_details_are_null_without_their_relation(orders: Orders) -> None:
    order, _ = await purchase_order(orders)
    [listed] = (
        await orders.clients["admin"].get(f"/api/order/po/?reference={order['reference']}")
    ).json()
    details = ("contact_detail", "address_detail", "project_code_detail")
    assert [listed[name] for name in details] == [None, None, None]


async def test_a_purchase_line_shows_its_destination(orders: Orders) -> None:
    order, supplier_part = await purchase_order(orders)
    location = await orders.made(STOCK_LOCATION, name="Bay 4", parent=None)
    line = await orders.made(
        PURCHASE_ORDER_LINE_ITEM,
        order=order["pk"],
        part=supplier_part["pk"],
        destination=location["pk"],
    )
    other = await orders.made(
        PURCHASE_ORDER_LINE_ITEM, order=order["pk"], part=supplier_part["pk"], destination=None
    )
    assert (await orders.read(PURCHASE_ORDER_LINE_ITEM, line["pk"]))["destination_detail"] == {
        "pk": location["pk"],
        "name": "Bay 4",
        "pathstring": "Bay 4",
    }
    assert (await orders.read(PURCHASE_ORDER_LINE_ITEM, other["pk"]))["destination_detail"] is None


async def test_responsible_must_be_an_integer(orders: Orders) -> None:
    order, _ = await purchase_order(orders)
    response = await orders.clients["admin"].patch(
        f"/api/order/po/{order['pk']}/", json={"responsible": "someone"}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["responsible"]


async def test_barcode_hash_is_empty_and_read_only(orders: Orders) -> None:
    order, _ = await purchase_order(orders)
    response = await orders.clients["admin"].patch(
        f"/api/order/po/{order['pk']}/", json={"barcode_hash": "abc"}
    )
    assert (response.status_code, response.json()["barcode_hash"]) == (200, "")
