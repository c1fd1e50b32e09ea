"""The bodies of the order actions (InvenTree's names, as the OpenAPI document shows them)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

import msgspec

from storeroom.api.action_bodies import PrimaryKey

Quantity = Annotated[
    Decimal, msgspec.Meta(extra_json_schema={"pattern": r"^-?\d{0,10}(?:\.\d{0,5})?$"})
]
# StockStatus keys (storeroom/models/status_classes.py).
StockStatus = Literal[10, 50, 55, 60, 65, 70, 75, 85]


class PurchaseOrderComplete(msgspec.Struct):
    """Serializer for completing a purchase order."""

    # Allow the order to be closed with line items not fully received.
    accept_incomplete: bool = False


class SalesOrderComplete(msgspec.Struct):
    """DRF serializer for manually marking a sales order as complete."""

    # Allow order to be closed with incomplete line items.
    accept_incomplete: bool = False


class PurchaseOrderLineItemReceive(msgspec.Struct):
    """A serializer for receiving a single purchase order line item against a purchase order."""

    line_item: PrimaryKey
    quantity: Quantity
    location: PrimaryKey | None = None
    batch_code: str = ""
    serial_numbers: str = ""
    status: StockStatus = 10
    packaging: str = ""
    note: str = ""
    barcode: str | None = ""


class PurchaseOrderReceive(msgspec.Struct):
    """Serializer for receiving items against a PurchaseOrder."""

    items: list[PurchaseOrderLineItemReceive]
    # Where received items go unless an item names its own (else the line's destination).
    location: PrimaryKey | None


class SalesOrderShipmentAllocationItem(msgspec.Struct):
    """A serializer for allocating a single stock-item against a SalesOrder shipment."""

    line_item: PrimaryKey
    stock_item: PrimaryKey
    quantity: Quantity


class SalesOrderShipmentAllocation(msgspec.Struct):
    """DRF serializer for allocation of stock items against a sales order / shipment."""

    items: list[SalesOrderShipmentAllocationItem]
    shipment: PrimaryKey


class SalesOrderSerialAllocation(msgspec.Struct):
    """DRF serializer for allocation of serial numbers against a sales order / shipment."""

    line_item: PrimaryKey
    quantity: Annotated[int, msgspec.Meta(ge=1)]
    serial_numbers: str
    shipment: PrimaryKey


class SalesOrderShipmentComplete(msgspec.Struct):
    """Serializer for completing (shipping) a SalesOrderShipment."""

    shipment_date: date | None = None
    delivery_date: date | None = None
    tracking_number: Annotated[str, msgspec.Meta(max_length=100)] = ""
    invoice_number: Annotated[str, msgspec.Meta(max_length=100)] = ""
    link: Annotated[str, msgspec.Meta(max_length=200)] = ""


class ReturnOrderLineItemReceive(msgspec.Struct):
    """Serializer for receiving a single line item against a ReturnOrder."""

    item: PrimaryKey


class ReturnOrderReceive(msgspec.Struct):
    """Serializer for receiving items against a ReturnOrder."""

    items: list[ReturnOrderLineItemReceive]
    location: PrimaryKey
