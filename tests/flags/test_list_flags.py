from tests.conftest import Client
from tests.flags.conftest import FLAGS, FUTURE


async def test_list_without_limit_is_every_flag_in_declaration_order(anonymous: Client) -> None:
    response = await anonymous.get("/api/flags/")
    assert response.status_code == 200
    assert [flag["key"] for flag in response.json()] == list(FLAGS)


async def test_each_flag_shows_key_state_and_conditions(anonymous: Client) -> None:
    by_key = {flag["key"]: flag for flag in (await anonymous.get("/api/flags/")).json()}
    assert by_key["SWITCHED_ON"] == {
        "key": "SWITCHED_ON",
        "state": True,
        "conditions": [{"condition": "boolean", "value": True, "required": False}],
    }


async def test_conditions_are_shown_as_declared_with_their_defaults(anonymous: Client) -> None:
    by_key = {flag["key"]: flag for flag in (await anonymous.get("/api/flags/")).json()}
    assert by_key["STAFF_PREVIEW"]["conditions"] == [
        {"condition": "staff", "value": True, "required": True},
        {"condition": "parameter", "value": "preview", "required": False},
    ]
    assert by_key["BEFORE_OR_AFTER"]["conditions"][1] == {
        "condition": "after date",
        "value": FUTURE,
        "required": False,
    }


async def test_list_with_limit_is_a_page(anonymous: Client) -> None:
    body = (await anonymous.get("/api/flags/?limit=2&offset=2")).json()
    assert body["count"] == len(FLAGS)
    assert [flag["key"] for flag in body["results"]] == list(FLAGS)[2:4]
    assert body["next"].endswith("/api/flags/?limit=2&offset=4")
    assert body["previous"].endswith("/api/flags/?limit=2")


async def test_the_list_is_evaluated_for_the_caller(client: Client) -> None:
    by_key = {flag["key"]: flag["state"] for flag in (await client.get("/api/flags/")).json()}
    assert (by_key["FOR_SUPERUSERS"], by_key["FOR_ANONYMOUS"]) == (True, False)


async def test_no_flags_declared_is_an_empty_list(make_settings, anonymous_factory) -> None:
    anonymous = await anonymous_factory(make_settings())
    assert (await anonymous.get("/api/flags/")).json() == []
