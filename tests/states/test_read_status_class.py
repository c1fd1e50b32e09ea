"""GET /api/generic/status/{statusmodel}/: one status class."""

from storeroom.states.schemas import CustomState
from storeroom.states.service import builtin_values, merge_custom
from tests.conftest import Client


async def test_a_class_answers_its_values_by_name(client: Client) -> None:
    response = await client.get("/api/generic/status/StockStatus/")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["class"] == "StockStatus"
    assert body["values"]["ATTENTION"] == {
        "key": 50,
        "name": "ATTENTION",
        "label": "Attention needed",
        "color": "warning",
        "logical_key": 50,
        "custom": False,
    }


async def test_a_machine_class_is_found_by_its_double_underscore_name(client: Client) -> None:
    response = await client.get("/api/generic/status/MachineStatus__LabelPrinterStatus/")
    assert response.status_code == 200, response.text
    assert response.json()["values"]["PAPER_JAM"]["key"] == 302


async def test_an_unknown_class_is_a_400(client: Client) -> None:
    response = await client.get("/api/generic/status/NoSuchStatus/")
    assert response.status_code == 400, response.text


def test_merged_custom_states_follow_the_built_in_values() -> None:
    repaint = CustomState(
        key=51, name="REPAINT", label="Needs repaint", color="info", logical_key=50
    )
    merged = merge_custom(builtin_values("StockStatus"), [repaint])
    assert list(merged)[-1] == "REPAINT"
    assert merged["REPAINT"] == {
        "key": 51,
        "name": "REPAINT",
        "label": "Needs repaint",
        "color": "info",
        "logical_key": 50,
        "custom": True,
    }


def test_a_custom_state_never_replaces_a_built_in_value_of_the_same_name() -> None:
    clash = CustomState(key=51, name="OK", label="Fine", color="info", logical_key=10)
    assert merge_custom(builtin_values("StockStatus"), [clash])["OK"]["key"] == 10
