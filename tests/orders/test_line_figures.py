"""What order lines compute in SQL (allocated, overdue, available, on order) and the declared
list filters of orders and lines: honoured, or 400 where storeroom has nothing to filter on."""

from __future__ import annotations

from storeroom.models.order_purchase import PURCHASE_ORDER, PURCHASE_ORDER_LINE_ITEM
from storeroom.models.order_sales import SALES_ORDER_ALLOCATION, SALES_ORDER_LINE_ITEM
from storeroom.models.part import PART
from storeroom.models.stock import STOCK_ITEM
from storeroom.models.supplier import SUPPLIER_PART
from tests.orders.conftest import PLACED, Orders


async def test_a_sales_line_shows_allocated_available_and_on_order(orders: Orders) -> None:
    part = await orders.made(PART, salable=True, virtual=False)
    line = await orders.made(SALES_ORDER_LINE_ITEM, part=part["pk"], quantity=9)
    item = await orders.made(
        STOCK_ITEM, part=part["pk"], quantity=10, status=10, is_building=False, serial=None
    )
    await orders.made(
        SALES_ORDER_ALLOCATION, line=line["pk"], item=item["pk"], quantity=4, shipment=None
    )
    supplier_part = await orders.made(SUPPLIER_PART, part=part["pk"])
    order = await orders.made(PURCHASE_ORDER, PLACED, supplier=supplier_part["supplier"])
    po_line = await orders.made(
        PURCHASE_ORDER_LINE_ITEM, order=order["pk"], part=supplier_part["pk"], quantity=7
    )
    await orders.write(PURCHASE_ORDER_LINE_ITEM.table, po_line["pk"], received=2)
    shown = await orders.read(SALES_ORDER_LINE_ITEM, line["pk"])
    assert (shown["allocated"], shown["available_stock"], shown["on_order"]) == (4, 6, 5)
    assert (shown["building"], shown["overdue"]) == (0, False)


async def test_a_sales_line_counts_only_its_own_part_on_order(orders: Orders) -> None:
    ordered = await orders.made(PART, salable=True, virtual=False)
    other = await orders.made(PART, salable=True, virtual=False)
    supplier_part = await orders.made(SUPPLIER_PART, part=ordered["pk"])
    order = await orders.made(PURCHASE_ORDER, PLACED, supplier=supplier_part["supplier"])
    await orders.made(
        PURCHASE_ORDER_LINE_ITEM, order=order["pk"], part=supplier_part["pk"], quantity=7
    )
    line = await orders.made(SALES_ORDER_LINE_ITEM, part=ordered["pk"], quantity=1)
    unordered = await orders.made(SALES_ORDER_LINE_ITEM, part=other["pk"], quantity=1)
    shown = [await orders.read(SALES_ORDER_LINE_ITEM, made["pk"]) for made in (line, unordered)]
    assert [figures["on_order"] for figures in shown] == [7, 0]


async def test_a_purchase_line_is_overdue_past_its_target_date_until_received(
    orders: Orders,
) -> None:
    late = await orders.made(PURCHASE_ORDER_LINE_ITEM, quantity=3, target_date="2020-01-01")
    done = await orders.made(PURCHASE_ORDER_LINE_ITEM, quantity=3, target_date="2020-01-01")
    await orders.write(PURCHASE_ORDER_LINE_ITEM.table, done["pk"], received=3)
    due = await orders.made(PURCHASE_ORDER_LINE_ITEM, quantity=3, target_date="2999-01-01")
    shown = [await orders.read(PURCHASE_ORDER_LINE_ITEM, line["pk"]) for line in (late, done, due)]
    assert [line["overdue"] for line in shown] == [True, False, False]


async def test_the_received_filter_keeps_fully_received_lines(orders: Orders) -> None:
    order = await orders.made(PURCHASE_ORDER)
    full = await orders.made(PURCHASE_ORDER_LINE_ITEM, order=order["pk"], quantity=2)
    await orders.write(PURCHASE_ORDER_LINE_ITEM.table, full["pk"], received=2)
    part = await orders.made(PURCHASE_ORDER_LINE_ITEM, order=order["pk"], quantity=2)
    admin = orders.clients["admin"]
    url = f"/api/order/po-line/?order={order['pk']}&received="
    assert [line["pk"] for line in (await admin.get(url + "true")).json()] == [full["pk"]]
    assert [line["pk"] for line in (await admin.get(url + "false")).json()] == [part["pk"]]
