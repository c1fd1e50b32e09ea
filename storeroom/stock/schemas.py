"""The bodies of the stock movements (InvenTree's serializer names, as the OpenAPI document shows
them). A list of items arrives as dicts (api/action_bodies.py converts the top level only);
`adjustment_items` and `picked_items` read each entry with DRF's messages."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

import msgspec

from storeroom.api.action_bodies import PrimaryKey, read_struct
from storeroom.errors import Invalid

Note = Annotated[str, msgspec.Meta(max_length=512)]


# StockStatus keys (InvenTree's Status2a7Enum).
StockStatusKey = Literal[10, 50, 55, 60, 65, 70, 75, 85]


class StockAdjustmentItem(msgspec.Struct):
    pk: PrimaryKey
    quantity: Decimal
    # Blank (or left out): the item's batch, status and packaging stay as they are.
    batch: Annotated[str, msgspec.Meta(max_length=100)] = ""
    status: Literal["", 10, 50, 55, 60, 65, 70, 75, 85] | None = None
    packaging: Annotated[str, msgspec.Meta(max_length=50)] = ""


class StockAdjustment(msgspec.Struct):
    """Serializer for the add, remove and count movements."""

    items: list[StockAdjustmentItem]
    notes: str = ""


class StockAdd(StockAdjustment):
    pass


class StockRemove(StockAdjustment):
    pass


class StockCount(StockAdjustment):
    pass


class StockTransfer(msgspec.Struct):
    items: list[StockAdjustmentItem]
    location: PrimaryKey
    notes: str = ""


class StockAssignmentItem(msgspec.Struct):
    item: PrimaryKey


class StockAssignment(msgspec.Struct):
    items: list[StockAssignmentItem]
    customer: PrimaryKey
    notes: str = ""


class StockMergeItem(msgspec.Struct):
    item: PrimaryKey


class StockMerge(msgspec.Struct):
    items: list[StockMergeItem]
    location: PrimaryKey
    notes: str = ""
    allow_mismatched_suppliers: bool = False
    allow_mismatched_status: bool = False


class StockChangeStatus(msgspec.Struct):
    items: list[int]
    status: StockStatusKey = 10
    note: str = ""


class InstallStockItem(msgspec.Struct):
    stock_item: PrimaryKey
    quantity: Annotated[int, msgspec.Meta(ge=1)] = 1
    note: str = ""


class UninstallStockItem(msgspec.Struct):
    location: PrimaryKey
    note: str = ""


class SerializeStockItem(msgspec.Struct):
    quantity: Annotated[int, msgspec.Meta(ge=0)]
    serial_numbers: str
    destination: PrimaryKey
    notes: str = ""


class ConvertStockItem(msgspec.Struct):
    part: PrimaryKey


class ReturnStockItem(msgspec.Struct):
    location: PrimaryKey
    notes: str = ""


def entries(raw: Any, kind: type[Any]) -> list[Any]:
    """Each entry of an `items` list as its struct; every problem as a message on `items`."""
    if not isinstance(raw, list) or not raw:
        raise Invalid.field("items", "A list of stock items must be provided")
    found: list[Any] = []
    errors: list[str] = []
    for entry in raw:
        if not isinstance(entry, dict):
            errors.append(f"Invalid data. Expected a dictionary, but got {type(entry).__name__}.")
            continue
        try:
            found.append(read_struct(kind, entry))
        except Invalid as error:
            errors += [
                f"{name}: {message}"
                for name, messages in error.fields.items()
                for message in messages
            ]
    if errors:
        raise Invalid({"items": errors})
    return found


class LocationTree(msgspec.Struct):
    """A location as `/api/stock/location/tree/` lists it (InvenTree's LocationTreeSerializer)."""

    pk: int
    name: str
    parent: int | None
    icon: str
    structural: bool
    sublocations: int
