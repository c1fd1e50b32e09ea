"""InvenTree's stock tracking codes (its StockHistoryCode) as named constants, and the stock
statuses the ledger reasons about (StockStatus and its AVAILABLE group)."""

from __future__ import annotations

from typing import Final

LEGACY: Final = 0
CREATED: Final = 1
EDITED: Final = 5
ASSIGNED_SERIAL: Final = 6
STOCK_COUNT: Final = 10
STOCK_ADD: Final = 11
STOCK_REMOVE: Final = 12
STOCK_MOVE: Final = 20
STOCK_UPDATE: Final = 25
INSTALLED_INTO_ASSEMBLY: Final = 30
REMOVED_FROM_ASSEMBLY: Final = 31
INSTALLED_CHILD_ITEM: Final = 35
REMOVED_CHILD_ITEM: Final = 36
SPLIT_FROM_PARENT: Final = 40
SPLIT_CHILD_ITEM: Final = 42
MERGED_STOCK_ITEMS: Final = 45
CONVERTED_TO_VARIANT: Final = 48
BUILD_OUTPUT_CREATED: Final = 50
BUILD_OUTPUT_COMPLETED: Final = 55
BUILD_OUTPUT_REJECTED: Final = 56
BUILD_CONSUMED: Final = 57
SHIPPED_AGAINST_SALES_ORDER: Final = 60
RECEIVED_AGAINST_PURCHASE_ORDER: Final = 70
RETURNED_AGAINST_RETURN_ORDER: Final = 80
SENT_TO_CUSTOMER: Final = 100
RETURNED_FROM_CUSTOMER: Final = 105

# StockStatus keys.
OK: Final = 10
ATTENTION: Final = 50
DAMAGED: Final = 55
DESTROYED: Final = 60
REJECTED: Final = 65
LOST: Final = 70
QUARANTINED: Final = 75
RETURNED: Final = 85
# StockStatusGroups.AVAILABLE_CODES: the statuses whose items count as in stock.
AVAILABLE: Final = (OK, ATTENTION, DAMAGED)
