"""The real `inventree` client moves purchase orders through their states."""

import pytest
import requests
from inventree.api import InvenTreeAPI
from inventree.company import Company
from inventree.purchase_order import PurchaseOrder

from tests.conftest import PASSWORD

PENDING, PLACED, ON_HOLD, COMPLETE, CANCELLED = 10, 20, 25, 30, 40


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
