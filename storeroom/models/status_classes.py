"""The built-in status classes (docs/api-behaviour.md, "Status classes"), one declaration per
class, exactly as InvenTree answers them: the keys a model's status field accepts, their labels
for `status_text`, and the values `/api/generic/status/` lists.

Each value is (NAME, key, label, color). The order of classes is the order of InvenTree's answer
(examples/generic-status-all.json); clients show the values in the order declared here.
"""

from __future__ import annotations

from collections.abc import Mapping

# The currency codes InvenTree's API 264 offers for prices (its CURRENCY_CODES default).
CURRENCIES = ("AUD", "CNY", "EUR", "USD")

Value = tuple[str, int, str, str]

DATA_IMPORT_STATUS_CODE_VALUES: tuple[Value, ...] = (
    ("INITIAL", 0, "Initializing", "secondary"),
    ("MAPPING", 10, "Mapping Columns", "primary"),
    ("IMPORTING", 20, "Importing Data", "primary"),
    ("PROCESSING", 30, "Processing Data", "primary"),
    ("COMPLETE", 40, "Complete", "success"),
)

SALES_ORDER_STATUS_VALUES: tuple[Value, ...] = (
    ("PENDING", 10, "Pending", "secondary"),
    ("IN_PROGRESS", 15, "In Progress", "primary"),
    ("SHIPPED", 20, "Shipped", "success"),
    ("ON_HOLD", 25, "On Hold", "warning"),
    ("COMPLETE", 30, "Complete", "success"),
    ("CANCELLED", 40, "Cancelled", "danger"),
    ("LOST", 50, "Lost", "warning"),
    ("RETURNED", 60, "Returned", "warning"),
)

# The base class of machine statuses: listed, with no values of its own.
MACHINE_STATUS_VALUES: tuple[Value, ...] = ()

STOCK_STATUS_VALUES: tuple[Value, ...] = (
    ("OK", 10, "OK", "success"),
    ("ATTENTION", 50, "Attention needed", "warning"),
    ("DAMAGED", 55, "Damaged", "warning"),
    ("DESTROYED", 60, "Destroyed", "danger"),
    ("REJECTED", 65, "Rejected", "danger"),
    ("LOST", 70, "Lost", "dark"),
    ("QUARANTINED", 75, "Quarantined", "info"),
    ("RETURNED", 85, "Returned", "warning"),
)

RETURN_ORDER_LINE_STATUS_VALUES: tuple[Value, ...] = (
    ("PENDING", 10, "Pending", "secondary"),
    ("RETURN", 20, "Return", "success"),
    ("REPAIR", 30, "Repair", "primary"),
    ("REPLACE", 40, "Replace", "warning"),
    ("REFUND", 50, "Refund", "info"),
    ("REJECT", 60, "Reject", "danger"),
)

BUILD_STATUS_VALUES: tuple[Value, ...] = (
    ("PENDING", 10, "Pending", "secondary"),
    ("PRODUCTION", 20, "Production", "primary"),
    ("ON_HOLD", 25, "On Hold", "warning"),
    ("CANCELLED", 30, "Cancelled", "danger"),
    ("COMPLETE", 40, "Complete", "success"),
)

PURCHASE_ORDER_STATUS_VALUES: tuple[Value, ...] = (
    ("PENDING", 10, "Pending", "secondary"),
    ("PLACED", 20, "Placed", "primary"),
    ("ON_HOLD", 25, "On Hold", "warning"),
    ("COMPLETE", 30, "Complete", "success"),
    ("CANCELLED", 40, "Cancelled", "danger"),
    ("LOST", 50, "Lost", "warning"),
    ("RETURNED", 60, "Returned", "warning"),
)

STOCK_HISTORY_CODE_VALUES: tuple[Value, ...] = (
    ("LEGACY", 0, "Legacy stock tracking entry", "secondary"),
    ("CREATED", 1, "Stock item created", "secondary"),
    ("EDITED", 5, "Edited stock item", "secondary"),
    ("ASSIGNED_SERIAL", 6, "Assigned serial number", "secondary"),
    ("STOCK_COUNT", 10, "Stock counted", "secondary"),
    ("STOCK_ADD", 11, "Stock manually added", "secondary"),
    ("STOCK_REMOVE", 12, "Stock manually removed", "secondary"),
    ("STOCK_MOVE", 20, "Location changed", "secondary"),
    ("STOCK_UPDATE", 25, "Stock updated", "secondary"),
    ("INSTALLED_INTO_ASSEMBLY", 30, "Installed into assembly", "secondary"),
    ("REMOVED_FROM_ASSEMBLY", 31, "Removed from assembly", "secondary"),
    ("INSTALLED_CHILD_ITEM", 35, "Installed component item", "secondary"),
    ("REMOVED_CHILD_ITEM", 36, "Removed component item", "secondary"),
    ("SPLIT_FROM_PARENT", 40, "Split from parent item", "secondary"),
    ("SPLIT_CHILD_ITEM", 42, "Split child item", "secondary"),
    ("MERGED_STOCK_ITEMS", 45, "Merged stock items", "secondary"),
    ("CONVERTED_TO_VARIANT", 48, "Converted to variant", "secondary"),
    ("BUILD_OUTPUT_CREATED", 50, "Build order output created", "secondary"),
    ("BUILD_OUTPUT_COMPLETED", 55, "Build order output completed", "secondary"),
    ("BUILD_OUTPUT_REJECTED", 56, "Build order output rejected", "secondary"),
    ("BUILD_CONSUMED", 57, "Consumed by build order", "secondary"),
    ("SHIPPED_AGAINST_SALES_ORDER", 60, "Shipped against Sales Order", "secondary"),
    ("RECEIVED_AGAINST_PURCHASE_ORDER", 70, "Received against Purchase Order", "secondary"),
    ("RETURNED_AGAINST_RETURN_ORDER", 80, "Returned against Return Order", "secondary"),
    ("SENT_TO_CUSTOMER", 100, "Sent to customer", "secondary"),
    ("RETURNED_FROM_CUSTOMER", 105, "Returned from customer", "secondary"),
)

RETURN_ORDER_STATUS_VALUES: tuple[Value, ...] = (
    ("PENDING", 10, "Pending", "secondary"),
    ("IN_PROGRESS", 20, "In Progress", "primary"),
    ("ON_HOLD", 25, "On Hold", "warning"),
    ("COMPLETE", 30, "Complete", "success"),
    ("CANCELLED", 40, "Cancelled", "danger"),
)

LABEL_PRINTER_STATUS_VALUES: tuple[Value, ...] = (
    ("CONNECTED", 100, "Connected", "success"),
    ("UNKNOWN", 101, "Unknown", "secondary"),
    ("PRINTING", 110, "Printing", "primary"),
    ("NO_MEDIA", 301, "No media", "warning"),
    ("PAPER_JAM", 302, "Paper jam", "warning"),
    ("DISCONNECTED", 400, "Disconnected", "danger"),
)

# The class names clients ask for; a machine class is named `MachineStatus__<Class>`.
STATUS_CLASSES: Mapping[str, tuple[Value, ...]] = {
    "DataImportStatusCode": DATA_IMPORT_STATUS_CODE_VALUES,
    "SalesOrderStatus": SALES_ORDER_STATUS_VALUES,
    "MachineStatus": MACHINE_STATUS_VALUES,
    "StockStatus": STOCK_STATUS_VALUES,
    "ReturnOrderLineStatus": RETURN_ORDER_LINE_STATUS_VALUES,
    "BuildStatus": BUILD_STATUS_VALUES,
    "PurchaseOrderStatus": PURCHASE_ORDER_STATUS_VALUES,
    "StockHistoryCode": STOCK_HISTORY_CODE_VALUES,
    "ReturnOrderStatus": RETURN_ORDER_STATUS_VALUES,
    "MachineStatus__LabelPrinterStatus": LABEL_PRINTER_STATUS_VALUES,
}


def keys_of(values: tuple[Value, ...]) -> tuple[int, ...]:
    return tuple(key for _name, key, _label, _color in values)


STOCK_STATUS = keys_of(STOCK_STATUS_VALUES)
BUILD_STATUS = keys_of(BUILD_STATUS_VALUES)
PURCHASE_ORDER_STATUS = keys_of(PURCHASE_ORDER_STATUS_VALUES)
SALES_ORDER_STATUS = keys_of(SALES_ORDER_STATUS_VALUES)
RETURN_ORDER_STATUS = keys_of(RETURN_ORDER_STATUS_VALUES)
RETURN_ORDER_LINE_STATUS = keys_of(RETURN_ORDER_LINE_STATUS_VALUES)
STOCK_HISTORY_CODE = keys_of(STOCK_HISTORY_CODE_VALUES)
