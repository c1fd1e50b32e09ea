"""POST /api/action/: the request, the plugin lookup and the answers, whatever the plugin."""

from tests.conftest import PASSWORD, Client

ADMIN = ("admin", PASSWORD)


async def test_an_enabled_action_answers_its_result_with_the_request(client: Client) -> None:
    response = await client.post(
        "/api/action/", json={"action": "expand-serials", "data": {"serials": "1-3"}}
    )
    assert response.status_code == 200
    assert response.json() == {
        "action": "expand-serials",
        "data": {"serials": "1-3"},
        "result": {"serials": ["1", "2", "3"], "quantity": 3},
    }


async def test_missing_action_and_data_are_both_listed(client: Client) -> None:
    response = await client.post("/api/action/", json={})
    assert response.status_code == 400
    assert response.json() == {
        "action": ["This field is required."],
        "data": ["This field is required."],
    }


async def test_data_that_is_not_an_object_is_400(client: Client) -> None:
    response = await client.post("/api/action/", json={"action": "shout", "data": [1, 2]})
    assert response.status_code == 400
    assert response.json() == {"data": ['Expected a dictionary of items but got type "list".']}


async def test_an_action_that_is_not_a_string_is_400(client: Client) -> None:
    response = await client.post("/api/action/", json={"action": 7, "data": {}})
    assert response.status_code == 400
    assert response.json() == {"action": ["Not a valid string."]}


async def test_an_unknown_action_is_400_under_action(client: Client) -> None:
    response = await client.post("/api/action/", json={"action": "teleport", "data": {}})
    assert response.status_code == 400
    assert response.json() == {"action": ['No matching action found for "teleport".']}


async def test_an_installed_but_disabled_action_is_400(make_settings, anonymous_factory) -> None:
    anonymous = await anonymous_factory(make_settings(plugins_enabled="expand-serials"))
    response = await anonymous.post(
        "/api/action/", json={"action": "shout", "data": {"text": "hi"}}, auth=ADMIN
    )
    assert response.status_code == 400
    assert response.json() == {"action": ['No matching action found for "shout".']}


async def test_no_action_is_enabled_by_default(anonymous_factory, make_settings) -> None:
    anonymous = await anonymous_factory(make_settings(plugins_enabled=""))
    response = await anonymous.post(
        "/api/action/", json={"action": "expand-serials", "data": {"serials": "1"}}, auth=ADMIN
    )
    assert response.status_code == 400
    assert list(response.json()) == ["action"]


async def test_a_plugins_own_validation_error_is_400_with_its_fields(client: Client) -> None:
    response = await client.post("/api/action/", json={"action": "shout", "data": {}})
    assert response.status_code == 400
    assert response.json() == {"text": ["This field is required."]}


async def test_a_plugin_that_raises_answers_500_and_records_an_error_report(
    client: Client,
) -> None:
    response = await client.post("/api/action/", json={"action": "crash", "data": {}})
    assert response.status_code == 500
    assert "crash plugin" not in response.text
    reports = (await client.get("/api/error-report/")).json()
    assert [report["info"] for report in reports] == ["RuntimeError: the crash plugin has a bug"]
    assert reports[0]["path"] == "http://testserver.local/api/action/"


async def test_a_form_body_carries_data_as_json_text(client: Client) -> None:
    response = await client.post(
        "/api/action/", data={"action": "expand-serials", "data": '{"serials": "5+1"}'}
    )
    assert response.status_code == 200
    assert response.json()["result"] == {"serials": ["5", "6"], "quantity": 2}


async def test_an_anonymous_caller_is_401(anonymous: Client) -> None:
    response = await anonymous.post(
        "/api/action/", json={"action": "expand-serials", "data": {"serials": "1"}}
    )
    assert response.status_code == 401
    assert response.json()["detail"]
