from tests.conftest import Client


async def test_superuser_lists_every_key_with_its_source(client: Client) -> None:
    body = (await client.get("/api/admin/config/")).json()
    by_key = {item["key"]: item for item in body}
    assert by_key["data_dir"]["source"] == "override"
    assert by_key["data_dir"]["env_var"] == "STOREROOM_DATA_DIR"
    assert by_key["identity_header_enabled"]["source"] == "default"
    assert set(by_key["data_dir"]) >= {"key", "env_var", "config_key", "source", "accessed"}


async def test_secrets_are_masked(client: Client) -> None:
    item = (await client.get("/api/admin/config/admin_password/")).json()
    assert item["value"] == "********"


async def test_detail_of_an_unknown_key_is_404(client: Client) -> None:
    assert (await client.get("/api/admin/config/nope/")).status_code == 404


async def test_staff_who_are_not_superusers_are_forbidden(login_as) -> None:
    user = await login_as("staffer", is_staff=True)
    assert (await user.get("/api/admin/config/")).status_code == 403


async def test_paged_when_limit_is_given(client: Client) -> None:
    body = (await client.get("/api/admin/config/?limit=2")).json()
    assert len(body["results"]) == 2
    assert body["count"] > 2
