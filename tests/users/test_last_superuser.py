"""The last active superuser of a tenant cannot delete itself: nobody could administer the tenant
(on the default tenant, the server) any more (issue 12, operator friction)."""

from tests.conftest import Client


async def test_the_last_superuser_cannot_delete_itself(client: Client) -> None:
    response = await client.delete("/api/user/me/")
    assert response.status_code == 400
    assert "last active superuser" in response.json()["non_field_errors"][0]
    assert (await client.get("/api/user/me/")).status_code == 200


async def test_a_superuser_deletes_itself_when_another_remains(login_as, client: Client) -> None:
    second = await login_as("second", is_superuser=True, is_staff=True)
    assert (await second.delete("/api/user/me/")).status_code == 204
    assert (await client.get("/api/user/me/")).status_code == 200


async def test_an_inactive_superuser_does_not_count_as_another(make_user, client: Client) -> None:
    await make_user("dormant", is_superuser=True, is_active=False)
    assert (await client.delete("/api/user/me/")).status_code == 400


async def test_a_superuser_of_another_tenant_does_not_count(make_user, client: Client) -> None:
    await make_user("elsewhere", account="acme", is_superuser=True)
    assert (await client.delete("/api/user/me/")).status_code == 400


async def test_a_user_who_is_not_a_superuser_deletes_itself(login_as) -> None:
    user = await login_as("leaving")
    assert (await user.delete("/api/user/me/")).status_code == 204
