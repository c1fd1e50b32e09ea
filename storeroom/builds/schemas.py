"""The bodies of the build order actions, under InvenTree's serializer names (the OpenAPI
document shows them)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

import msgspec

from storeroom.api.action_bodies import PrimaryKey

Quantity = Annotated[
    Decimal, msgspec.Meta(extra_json_schema={"pattern": r"^-?\d{0,10}(?:\.\d{0,5})?$"})
]
# StockStatus keys (storeroom/models/status_classes.py).
StockStatus = Literal[10, 50, 55, 60, 65, 70, 75, 85]


class BuildCancel(msgspec.Struct):
    """DRF serializer class for cancelling an active BuildOrder"""

    # Consume any stock which has already been allocated to this build.
    remove_allocated_stock: bool = False
    # Delete any build outputs which have not been completed.
    remove_incomplete_outputs: bool = False


class BuildComplete(msgspec.Struct):
    """DRF serializer for marking a BuildOrder as complete."""

    accept_overallocated: Literal["reject", "accept", "trim"] = "reject"
    accept_unallocated: bool = False
    accept_incomplete: bool = False


class BuildAllocationItem(msgspec.Struct):
    """A serializer for allocating a single stock item against a build order."""

    build_line: PrimaryKey
    stock_item: PrimaryKey
    quantity: Quantity
    output: PrimaryKey | None = None


class BuildAllocation(msgspec.Struct):
    """DRF serializer for allocation stock items against a build order."""

    items: list[BuildAllocationItem]


class BuildAutoAllocation(msgspec.Struct):
    """DRF serializer for auto allocating stock items against a build order."""

    location: PrimaryKey | None = None
    exclude_location: PrimaryKey | None = None
    interchangeable: bool = False
    substitutes: bool = True
    optional_items: bool = False


class BuildUnallocation(msgspec.Struct):
    """DRF serializer for unallocating stock from a BuildOrder."""

    build_line: PrimaryKey | None = None
    output: PrimaryKey | None = None


class BuildOutputCreate(msgspec.Struct):
    """Serializer for creating a new BuildOutput against a BuildOrder."""

    quantity: Quantity
    batch_code: str = ""
    serial_numbers: str = ""
    location: PrimaryKey | None = None
    auto_allocate: bool | None = False


class BuildOutput(msgspec.Struct):
    """Serializer for a "BuildOutput" (a stock item in production)."""

    output: PrimaryKey


class BuildOutputQuantity(msgspec.Struct):
    """A build output, with the quantity of it to act on."""

    output: PrimaryKey
    quantity: Quantity


class BuildOutputComplete(msgspec.Struct):
    """DRF serializer for completing one or more build outputs."""

    outputs: list[BuildOutput]
    location: PrimaryKey
    status_custom_key: StockStatus = 10
    accept_incomplete_allocation: bool = False
    notes: str = ""


class BuildOutputDelete(msgspec.Struct):
    """DRF serializer for deleting (cancelling) one or more build outputs."""

    outputs: list[BuildOutput]


class BuildOutputScrap(msgspec.Struct):
    """DRF serializer for scrapping one or more build outputs"""

    outputs: list[BuildOutputQuantity]
    location: PrimaryKey
    notes: str
    discard_allocations: bool = False


class TestStatistics(msgspec.Struct):
    """DRF serializer class for the test statistics."""

    # One entry per test template: template, test_name, pass_count, fail_count, total.
    results: list[dict[str, Any]]
