"""/api/generic/status/custom/: the rules of a custom state (docs/api-behaviour.md,
"Per endpoint"), each broken rule a 400 naming its field."""

from tests.conftest import Client
from tests.states.conftest import CUSTOM, content_type, make_state, state_body


async def test_a_valid_state_is_created_with_its_model_name(client: Client) -> None:
    created = await make_state(client)
    assert created["model"] == await content_type(client, "stockitem")
    assert created["model_name"] == "Stock Item"
    assert (created["key"], created["logical_key"], created["color"]) == (101, 50, "secondary")
    assert (await client.get(f"{CUSTOM}{created['pk']}/")).json() == created


async def test_a_missing_or_null_or_unknown_model_is_a_400_on_model(client: Client) -> None:
    body = await state_body(client)
    del body["model"]
    for sent in (body, {**body, "model": None}, {**body, "model": 99999}):
        response = await client.post(CUSTOM, json=sent)
        assert response.status_code == 400, response.text
        assert list(response.json()) == ["model"]


async def test_a_logical_key_outside_the_class_is_a_400_on_logical_key(client: Client) -> None:
    response = await client.post(CUSTOM, json=await state_body(client, logical_key=15))
    assert response.status_code == 400
    assert response.json() == {
        "logical_key": ["Must be a key of StockStatus (10, 50, 55, 60, 65, 70, 75, 85)."]
    }


async def test_a_key_equal_to_the_logical_key_is_a_400_on_key(client: Client) -> None:
    response = await client.post(CUSTOM, json=await state_body(client, key=50))
    assert response.status_code == 400
    assert response.json() == {"key": ["Must differ from the logical key."]}


async def test_a_key_of_a_built_in_value_is_a_400_on_key(client: Client) -> None:
    response = await client.post(CUSTOM, json=await state_body(client, key=10))
    assert response.status_code == 400
    assert response.json() == {"key": ["Must differ from every key of StockStatus."]}


async def test_a_key_or_a_name_is_unique_within_its_class(client: Client) -> None:
    await make_state(client)
    same_key = await client.post(CUSTOM, json=await state_body(client, name="OTHER"))
    same_name = await client.post(CUSTOM, json=await state_body(client, key=102))
    assert same_key.json() == {
        "key": ["A custom state of StockStatus with this key already exists."]
    }
    assert same_name.json() == {
        "name": ["A custom state of StockStatus with this name already exists."]
    }
    assert (same_key.status_code, same_name.status_code) == (400, 400)


async def test_another_class_may_use_the_same_key_and_name(client: Client) -> None:
    await make_state(client)
    build = await content_type(client, "build")
    other = await make_state(client, reference_status="BuildStatus", logical_key=20, model=build)
    assert (other["key"], other["name"], other["model_name"]) == (101, "REPAINT", "Build Order")


async def test_a_patch_is_checked_against_the_stored_state(client: Client) -> None:
    created = await make_state(client)
    url = f"{CUSTOM}{created['pk']}/"
    response = await client.patch(url, json={"key": 55})
    assert response.status_code == 400
    assert response.json() == {"key": ["Must differ from every key of StockStatus."]}
    renamed = await client.patch(url, json={"label": "Repaint first", "key": 120})
    assert renamed.status_code == 200, renamed.text
    assert (renamed.json()["label"], renamed.json()["key"]) == ("Repaint first", 120)


async def test_every_broken_rule_is_answered_at_once(client: Client) -> None:
    body = await state_body(client, key=10, logical_key=15, color="pink", model=None)
    response = await client.post(CUSTOM, json=body)
    assert response.status_code == 400
    assert set(response.json()) == {"key", "logical_key", "color", "model"}


async def test_an_unknown_class_is_a_400_on_reference_status(client: Client) -> None:
    response = await client.post(CUSTOM, json=await state_body(client, reference_status="Nope"))
    assert response.status_code == 400
    assert list(response.json()) == ["reference_status"]
