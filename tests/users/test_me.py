from tests.conftest import Client


async def test_me_has_the_contract_fields(client: Client) -> None:
    body = (await client.get("/api/user/me/")).json()
    assert set(body) == {
        "pk",
        "username",
        "first_name",
        "last_name",
        "email",
        "groups",
        "is_staff",
        "is_superuser",
        "is_active",
    }
    assert body["is_superuser"] is True


async def test_patch_me_changes_only_the_given_fields(client: Client) -> None:
    response = await client.patch("/api/user/me/", json={"last_name": "Lovelace"})
    assert response.status_code == 200
    assert response.json()["last_name"] == "Lovelace"
    assert response.json()["username"] == "admin"


async def test_a_user_cannot_make_themselves_staff(login_as) -> None:
    user = await login_as("mallory")
    response = await user.patch("/api/user/me/", json={"is_staff": True, "is_superuser": True})
    assert response.status_code == 403
    assert "is_staff" in response.json()["detail"]
    assert (await user.get("/api/user/me/")).json()["is_staff"] is False


async def test_put_me_lists_every_invalid_field(client: Client) -> None:
    response = await client.put("/api/user/me/", json={"email": 5, "first_name": "x" * 200})
    assert response.status_code == 400
    assert set(response.json()) == {"username", "email", "first_name"}


async def test_me_shows_the_users_groups(login_as) -> None:
    user = await login_as("grouped", rules={"part": ("view",)})
    assert (await user.get("/api/user/me/")).json()["groups"][0]["name"] == "grouped-group"
