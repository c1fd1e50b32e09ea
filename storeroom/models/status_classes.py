"""The built-in status classes (STATUS-CODES.md): the keys a model's status field accepts."""

from __future__ import annotations

# The currency codes InvenTree's API 264 offers for prices (its CURRENCY_CODES default).
CURRENCIES = ("AUD", "CNY", "EUR", "USD")
STOCK_STATUS = (10, 50, 55, 60, 65, 70, 75, 85)
BUILD_STATUS = (10, 20, 25, 30, 40)
PURCHASE_ORDER_STATUS = (10, 20, 25, 30, 40, 50, 60)
SALES_ORDER_STATUS = (10, 15, 20, 25, 30, 40, 50, 60)
RETURN_ORDER_STATUS = (10, 20, 25, 30, 40)
RETURN_ORDER_LINE_STATUS = (10, 20, 30, 40, 50, 60)
STOCK_HISTORY_CODE = (
    0,
    1,
    5,
    6,
    10,
    11,
    12,
    20,
    25,
    30,
    31,
    35,
    36,
    40,
    42,
    45,
    48,
    50,
    55,
    56,
    57,
    60,
    70,
    80,
    100,
    105,
)
