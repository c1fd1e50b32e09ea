"""Every query parameter the 264 document declares for `/api/stock/`, `/api/stock/location/` and
`/api/stock/track/`, and the ones InvenTree honours there without declaring them, is served: read
by the list's filters (never silently ignored), taking a valid value (200) and refusing an invalid
one with a 400 naming it. Each filter's rows are tested in its own file."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from storeroom.api.query import RESERVED
from storeroom.models.registry import BY_MODEL_TYPE
from tests.stock.conftest import Stock

CONTRACT = Path(__file__).resolve().parents[2] / "contract" / "inventree-264-full.yaml"
LISTS = {
    "/api/stock/": "stockitem",
    "/api/stock/location/": "stocklocation",
    "/api/stock/track/": "stockitemtracking",
}
# Honoured by InvenTree's StockList.filter_queryset without being declared.
UNDECLARED = {
    "/api/stock/": {
        "part": "integer",
        "location": "integer",
        "cascade": "boolean",
        "include_variants": "boolean",
        "exclude_tree": "integer",
        "exclude_so_allocation": "integer",
    },
}
VALID = {"integer": "1", "number": "1.5", "boolean": "true", "date": "2026-01-02", "string": "x"}
INVALID = {"integer": "one", "number": "many", "boolean": "maybe", "date": "yesterday"}


@cache
def declared() -> tuple[tuple[str, str, str], ...]:
    """(path, parameter, type) of every filter the document declares on the three lists."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document = yaml.load(CONTRACT.read_text(), Loader=loader)  # noqa: S506
    found = []
    for path in LISTS:
        for parameter in document["paths"][path]["get"].get("parameters", []):
            name, schema = parameter["name"], parameter.get("schema", {})
            if parameter["in"] != "query" or name in RESERVED:
                continue
            kind = "date" if schema.get("format") == "date" else schema.get("type", "string")
            found.append((path, name, kind))
        found += [(path, name, kind) for name, kind in UNDECLARED.get(path, {}).items()]
    return tuple(found)


PARAMETERS = declared()


def test_the_document_declares_57_parameters_on_the_stock_list() -> None:
    on_stock = [name for path, name, _ in PARAMETERS if path == "/api/stock/"]
    assert (
        len(on_stock)
        - len(UNDECLARED["/api/stock/"])
        + len({"limit", "offset"})
        + len({"ordering", "search"})
        == 57
    )


@pytest.mark.parametrize(("path", "name", "kind"), PARAMETERS, ids=lambda value: str(value))
def test_every_parameter_is_read_by_a_filter(path: str, name: str, kind: str) -> None:
    assert name in BY_MODEL_TYPE[LISTS[path]].filter_map()


@pytest.mark.parametrize(("path", "name", "kind"), PARAMETERS, ids=lambda value: str(value))
async def test_every_parameter_takes_a_valid_value(
    stock: Stock, path: str, name: str, kind: str
) -> None:
    response = await stock.admin.get(path, params={name: VALID[kind]})
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)


TYPED = [entry for entry in PARAMETERS if entry[2] in INVALID]


@pytest.mark.parametrize(("path", "name", "kind"), TYPED, ids=lambda value: str(value))
async def test_every_typed_parameter_refuses_an_invalid_value_naming_it(
    stock: Stock, path: str, name: str, kind: str
) -> None:
    response = await stock.admin.get(path, params={name: INVALID[kind]})
    assert response.status_code == 400, response.text
    body: dict[str, Any] = response.json()
    assert list(body) == [name]
