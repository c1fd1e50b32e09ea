"""The bodies of the order actions (InvenTree's names, as the OpenAPI document shows them)."""

from __future__ import annotations

import msgspec


class PurchaseOrderComplete(msgspec.Struct):
    """Serializer for completing a purchase order."""

    # Allow the order to be closed with line items not fully received.
    accept_incomplete: bool = False


class SalesOrderComplete(msgspec.Struct):
    """DRF serializer for manually marking a sales order as complete."""

    # Allow order to be closed with incomplete line items.
    accept_incomplete: bool = False
