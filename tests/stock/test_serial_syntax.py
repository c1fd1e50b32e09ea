"""InvenTree's serial number syntax (storeroom/stock/serials.py): lists, ranges, `~` and `+`."""

from __future__ import annotations

import pytest

from storeroom.errors import Invalid
from storeroom.stock.serials import parse_serial_numbers


@pytest.mark.parametrize(
    ("text", "quantity", "expected"),
    [
        ("1005,1006,1007", 3, ["1005", "1006", "1007"]),
        ("1 2, 3", 3, ["1", "2", "3"]),
        ("10-13", 4, ["10", "11", "12", "13"]),
        ("~", 1, ["21"]),
        ("~,~", 2, ["21", "22"]),
        ("5+", 3, ["5", "6", "7"]),
        ("5+2,9", 3, ["5", "6", "9"]),
        ("A-12,B7", 2, ["A-12", "B7"]),
        ("007-009", 3, ["007", "008", "009"]),
    ],
)
def test_serial_syntax(text: str, quantity: int, expected: list[str]) -> None:
    assert parse_serial_numbers(text, quantity, "21") == expected


@pytest.mark.parametrize(
    ("text", "quantity", "messages"),
    [
        ("", 1, ["Empty serial number string"]),
        ("1,1,2", 3, ["Duplicate serial: 1"]),
        ("1,2", 3, ["Number of unique serial numbers (2) must match quantity (3)"]),
        ("9-3", 7, ["Invalid group range: 9-3"]),
        ("1-3,2", 3, ["Duplicate serial: 2"]),
    ],
)
def test_serial_syntax_refusals(text: str, quantity: int, messages: list[str]) -> None:
    with pytest.raises(Invalid) as refused:
        parse_serial_numbers(text, quantity, "1")
    assert refused.value.fields == {"serial_numbers": messages}
