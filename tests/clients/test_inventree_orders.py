"""The real `inventree` client moves purchase, sales and return orders through their states,
receives a purchase order into stock, allocates and ships a sales order, and receives a return."""

import pytest
import requests
from inventree.api import InvenTreeAPI
from inventree.company import Company, SupplierPart
from inventree.part import Part
from inventree.purchase_order import PurchaseOrder
from inventree.return_order import ReturnOrder
from inventree.sales_order import SalesOrder
from inventree.stock import StockItem, StockLocation
from inventree.user import Owner

from tests.conftest import PASSWORD

PENDING, PLACED, ON_HOLD, COMPLETE, CANCELLED = 10, 20, 25, 30, 40
SO_SHIPPED, RO_IN_PROGRESS, QUARANTINED = 20, 20, 75


def new_order(api: InvenTreeAPI, reference: str) -> PurchaseOrder:
    supplier = Company.create(
        api, {"name": f"Supplier {reference}", "is_supplier": True, "currency": "USD"}
    )
    return PurchaseOrder.create(api, {"reference": reference, "supplier": supplier.pk})


def test_client_issues_holds_and_completes_a_purchase_order(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    order = new_order(api, "PO-0001")
    assert order.status == PENDING
    order.issue()
    assert order.status == PLACED
    order.hold()
    assert order.status == ON_HOLD
    order.issue()
    assert order.status == PLACED
    assert order.complete() == {"accept_incomplete": False}
    assert order.status == COMPLETE
    assert PurchaseOrder(api, pk=order.pk).complete_date


def test_client_cancels_a_purchase_order(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    order = new_order(api, "PO-0002")
    order.cancel()
    assert order.status == CANCELLED


def test_client_sees_a_refused_transition_as_an_error(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    order = new_order(api, "PO-0003")
    order.cancel()
    with pytest.raises(requests.exceptions.HTTPError, match="Order cannot be issued"):
        order.issue()
    order.reload()
    assert order.status == CANCELLED


def test_client_receives_a_purchase_order_into_a_location(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    shelf = StockLocation.create(api, {"name": "Goods in"})
    bolt = Part.create(api, {"name": "Bolt", "description": "M4 bolt", "purchaseable": True})
    order = new_order(api, "PO-0101")
    supplier_part = SupplierPart.create(
        api, {"part": bolt.pk, "supplier": order.supplier, "SKU": "B-4"}
    )
    order.addLineItem(part=supplier_part.pk, quantity=30, purchase_price=0.5)
    order.addLineItem(part=supplier_part.pk, quantity=20)
    order.issue()
    order.receiveAll(shelf.pk)
    assert order.status == COMPLETE
    received = StockItem.list(api, part=bolt.pk, location=shelf.pk)
    assert sorted(item.quantity for item in received) == [20, 30]
    assert all(item.supplier_part == supplier_part.pk for item in received)
    assert [line.received for line in order.getLineItems()] == [30, 20]


def test_client_allocates_ships_and_completes_a_sales_order(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    shelf = StockLocation.create(api, {"name": "Dispatch"})
    lamp = Part.create(api, {"name": "Desk lamp", "description": "A lamp", "salable": True})
    [stock] = StockItem.create(api, {"part": lamp.pk, "quantity": 10, "location": shelf.pk})
    customer = Company.create(api, {"name": "Customer A", "is_customer": True})
    order = SalesOrder.create(api, {"reference": "SO-0101", "customer": customer.pk})
    line = order.addLineItem(part=lamp.pk, quantity=4)
    shipment = order.addShipment("1")
    order.issue()
    shipment.allocateItems([{"line_item": line.pk, "stock_item": stock.pk, "quantity": 4}])
    # The client reads allocations only from API 267 on: read the list directly.
    allocated = api.get("order/so-allocation/", params={"shipment": shipment.pk})
    assert [(allocation["item"], allocation["quantity"]) for allocation in allocated] == [
        (stock.pk, 4)
    ]
    shipment.ship(tracking_number="TRACK-1")
    stock.reload()
    assert stock.quantity == 6
    sent = StockItem.list(api, customer=customer.pk)
    assert [(item.quantity, item.location) for item in sent] == [(4, None)]
    order.complete()
    assert order.status == SO_SHIPPED


def test_client_issues_and_receives_a_return_order(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    shelf = StockLocation.create(api, {"name": "Returns"})
    widget = Part.create(api, {"name": "Widget", "description": "A widget", "salable": True})
    customer = Company.create(api, {"name": "Customer B", "is_customer": True})
    [item] = StockItem.create(api, {"part": widget.pk, "quantity": 1, "customer": customer.pk})
    order = ReturnOrder.create(api, {"reference": "RMA-0101", "customer": customer.pk})
    line = order.addLineItem(item=item.pk)
    order.issue()
    assert order.status == RO_IN_PROGRESS
    api.post(f"order/ro/{order.pk}/receive/", {"items": [{"item": line.pk}], "location": shelf.pk})
    item.reload()
    assert (item.location, item.customer, item.status) == (shelf.pk, None, QUARANTINED)
    order.complete()
    assert order.status == COMPLETE


def test_client_holds_and_cancels_sales_and_return_orders(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    sale = SalesOrder.create(api, {"reference": "SO-0102"})
    sale.hold()
    assert sale.status == ON_HOLD
    sale.cancel()
    assert sale.status == CANCELLED
    back = ReturnOrder.create(api, {"reference": "RMA-0102"})
    back.hold()
    assert back.status == ON_HOLD
    back.cancel()
    assert back.status == CANCELLED


def test_client_makes_its_own_owner_responsible_and_lists_its_orders(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    mine = next(owner for owner in Owner.list(api) if owner.name == "admin")
    assert (mine.label, Owner(api, pk=mine.pk).name) == ("user", "admin")
    order = new_order(api, "PO-0100")
    other = new_order(api, "PO-0101")
    order.save({"responsible": mine.pk})
    assert PurchaseOrder(api, pk=order.pk).responsible_detail["name"] == "admin"
    assigned = [found.pk for found in PurchaseOrder.list(api, assigned_to_me=True)]
    assert order.pk in assigned
    assert other.pk not in assigned
