"""GET /api/generic/status/: every built-in status class (generic-status-all.json is
InvenTree's own answer, copied from the contract examples)."""

import json
from pathlib import Path

from tests.conftest import Client

EXAMPLE = json.loads(Path(__file__).with_name("generic-status-all.json").read_text())


async def test_every_built_in_class_is_listed_under_its_name(client: Client) -> None:
    response = await client.get("/api/generic/status/")
    assert response.status_code == 200, response.text
    assert list(response.json()) == list(EXAMPLE)


async def test_values_match_inventree_with_logical_keys_and_no_custom_flag(
    client: Client,
) -> None:
    answer = (await client.get("/api/generic/status/")).json()
    for name, declared in EXAMPLE.items():
        assert answer[name]["class"] == name
        expected = {
            value_name: {**value, "logical_key": value["key"], "custom": False}
            for value_name, value in declared["values"].items()
        }
        assert answer[name]["values"] == expected


async def test_anonymous_callers_are_refused(anonymous: Client) -> None:
    response = await anonymous.get("/api/generic/status/")
    assert response.status_code == 401
