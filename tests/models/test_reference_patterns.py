"""Reference patterns as InvenTree reads them, beyond the default ones the API tests use: a
tenant's own pattern (a per-tenant setting, once storeroom has them) works the same way."""

from datetime import datetime

import pytest

from storeroom.models.references import matches, next_reference, reference_number

MOMENT = datetime(2026, 5, 1, 12, 0)


@pytest.mark.parametrize(
    ("reference", "pattern", "expected"),
    [
        ("PO-0042", "PO-{ref:04d}", True),
        ("PO-42", "PO-{ref:04d}", True),
        ("PO-4A", "PO-{ref:04d}", False),
        ("po-0042", "PO-{ref:04d}", False),
        ("PO-0042-EU", "PO-{ref:04d}-EU", True),
        ("PO-0042", "PO-{ref:04d}-EU", False),
        ("2026/0007", "{date:%Y}/{ref:04d}", True),
        ("BO-123-ABC", "BO-{ref}-???", True),
        ("BO-123-AB", "BO-{ref}-???", False),
        ("R7-0001", "R#-{ref:04d}", True),
        ("RX-0001", "R#-{ref:04d}", False),
    ],
)
def test_a_reference_matches_its_pattern_as_in_inventree(
    reference: str, pattern: str, expected: bool
) -> None:
    assert matches(reference, pattern) is expected


@pytest.mark.parametrize(
    ("reference", "pattern", "number"),
    [
        ("PO-0042", "PO-{ref:04d}", 42),
        ("BO-123-ABC", "BO-{ref}-???", 123),
        ("2026/0007", "{date:%Y}/{ref:04d}", 7),
        # Off the pattern: the leading digits, else the trailing ones, else 0.
        ("77-OLD", "PO-{ref:04d}", 77),
        ("OLD-77", "PO-{ref:04d}", 77),
        ("OLD", "PO-{ref:04d}", 0),
        ("PO-99999999999", "PO-{ref:04d}", 2**31 - 1),
    ],
)
def test_a_references_number_is_its_ref_part(reference: str, pattern: str, number: int) -> None:
    assert reference_number(reference, pattern) == number


def test_the_first_reference_is_number_one() -> None:
    assert next_reference("PO-{ref:04d}", set(), MOMENT) == "PO-0001"


def test_the_next_reference_keeps_a_literal_suffix() -> None:
    assert next_reference("PO-{ref:04d}-EU", {"PO-0003-EU"}, MOMENT) == "PO-0004-EU"


def test_the_next_reference_writes_the_date() -> None:
    assert next_reference("{date:%Y}/{ref:04d}", {"2025/0009"}, MOMENT) == "2026/0010"


def test_the_wildcard_with_a_default_writes_the_default() -> None:
    assert next_reference("SO-{ref:03d}-{?:X}", set(), MOMENT) == "SO-001-X"
