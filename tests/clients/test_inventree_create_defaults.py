"""The real `inventree` client creates with only the fields InvenTree requires, as it does
against InvenTree: the server fills the rest (currency, references, quantities)."""

from inventree.api import InvenTreeAPI
from inventree.company import Company
from inventree.order import (
    PurchaseOrder,
    ReturnOrder,
    ReturnOrderExtraLineItem,
    SalesOrder,
    SalesOrderLineItem,
)

from tests.conftest import PASSWORD


def test_client_creates_a_company_with_only_its_name(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    company = Company.create(api, {"name": "Acme"})
    assert (company.name, company.currency) == ("Acme", "USD")


def test_client_creates_orders_with_only_their_company(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    customer = Company.create(api, {"name": "Customer", "is_customer": True})
    supplier = Company.create(api, {"name": "Supplier", "is_supplier": True})
    first = SalesOrder.create(api, {"customer": customer.pk})
    second = SalesOrder.create(api, {"customer": customer.pk})
    assert (first.reference, second.reference) == ("SO-0001", "SO-0002")
    assert PurchaseOrder.create(api, {"supplier": supplier.pk}).reference == "PO-0001"
    returned = ReturnOrder.create(api, {"customer": customer.pk})
    assert returned.reference == "RMA-0001"
    line = ReturnOrderExtraLineItem.create(api, {"order": returned.pk})
    assert float(line.quantity) == 1


def test_client_adds_a_sales_order_line_without_quantity(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    order = SalesOrder.create(api, {"customer": Company.create(api, {"name": "Buyer"}).pk})
    line = SalesOrderLineItem.create(api, {"order": order.pk})
    assert float(line.quantity) == 1
    assert [item.pk for item in order.getLineItems()] == [line.pk]
