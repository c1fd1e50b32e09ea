"""Plugins from other distributions: found through their entry points, or reported in the log."""

from tests.conftest import PASSWORD, Client

ADMIN = ("admin", PASSWORD)


async def test_a_third_party_plugin_is_found_and_run(client: Client) -> None:
    response = await client.post("/api/action/", json={"action": "shout", "data": {"text": "hi"}})
    assert response.status_code == 200
    assert response.json()["result"] == {"text": "HI", "by": "admin"}


async def test_a_plugin_that_fails_to_load_is_logged_and_its_action_is_400(
    make_settings, anonymous_factory, plugin_log: list[str]
) -> None:
    anonymous = await anonymous_factory(make_settings(plugins_enabled="broken, shout"))
    response = await anonymous.post(
        "/api/action/", json={"action": "broken", "data": {}}, auth=ADMIN
    )
    assert response.status_code == 400
    assert response.json() == {"action": ['No matching action found for "broken".']}
    assert "Action plugin 'broken' (third_party_plugin.missing:Nothing) failed to load." in (
        plugin_log
    )


async def test_the_other_plugins_work_beside_one_that_fails_to_load(
    make_settings, anonymous_factory
) -> None:
    anonymous = await anonymous_factory(make_settings(plugins_enabled="broken, shout"))
    response = await anonymous.post(
        "/api/action/", json={"action": "shout", "data": {"text": "still here"}}, auth=ADMIN
    )
    assert response.status_code == 200
    assert response.json()["result"]["text"] == "STILL HERE"


async def test_a_class_that_is_not_a_plugin_is_logged_and_left_out(
    make_settings, anonymous_factory, plugin_log: list[str]
) -> None:
    anonymous = await anonymous_factory(make_settings(plugins_enabled="not-a-plugin"))
    response = await anonymous.post(
        "/api/action/", json={"action": "not-a-plugin", "data": {}}, auth=ADMIN
    )
    assert response.status_code == 400
    assert any("is not an action plugin" in message for message in plugin_log)


async def test_an_enabled_plugin_that_is_not_installed_is_logged(
    make_settings, anonymous_factory, plugin_log: list[str]
) -> None:
    anonymous = await anonymous_factory(make_settings(plugins_enabled="nowhere"))
    response = await anonymous.post(
        "/api/action/", json={"action": "nowhere", "data": {}}, auth=ADMIN
    )
    assert response.status_code == 400
    assert "Action plugin 'nowhere' is enabled but not installed." in plugin_log
