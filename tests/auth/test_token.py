import sqlalchemy as sa
from litestar import Litestar

from storeroom.auth.tables import token_table
from tests.conftest import PASSWORD, Client, basic


async def test_basic_auth_gets_a_token_that_then_authenticates(anonymous: Client) -> None:
    issued = await anonymous.get("/api/user/token/?name=laptop", headers=basic("admin", PASSWORD))
    assert issued.status_code == 200
    body = issued.json()
    assert body["name"] == "laptop"
    assert len(body["token"]) == 40
    me = await anonymous.get("/api/user/me/", headers={"Authorization": f"Token {body['token']}"})
    assert me.json()["username"] == "admin"


async def test_tokens_are_stored_only_as_hashes(anonymous: Client, app: Litestar) -> None:
    token = (await anonymous.get("/api/user/token/", headers=basic("admin", PASSWORD))).json()[
        "token"
    ]
    async with app.state.api.databases.platform.connect() as connection:
        stored = (await connection.execute(sa.select(token_table.c.key_hash))).scalars().all()
    assert stored
    assert token not in stored
    assert all(len(value) == 64 and token not in value for value in stored)


async def test_a_new_token_of_the_same_name_revokes_the_old_one(anonymous: Client) -> None:
    first = (
        await anonymous.get("/api/user/token/?name=ci", headers=basic("admin", PASSWORD))
    ).json()
    await anonymous.get("/api/user/token/?name=ci", headers=basic("admin", PASSWORD))
    response = await anonymous.get(
        "/api/user/me/", headers={"Authorization": f"Token {first['token']}"}
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


async def test_an_unknown_token_is_401_with_www_authenticate(anonymous: Client) -> None:
    response = await anonymous.get("/api/user/me/", headers={"Authorization": "Token nope"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Token")
    assert response.json()["detail"] == "Invalid token."


async def test_no_credentials_is_401(anonymous: Client) -> None:
    response = await anonymous.get("/api/error-report/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}


async def test_wrong_basic_password_is_401(anonymous: Client) -> None:
    response = await anonymous.get("/api/user/me/", headers=basic("admin", "wrong"))
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid username/password."}


async def test_inactive_user_cannot_authenticate(anonymous: Client, make_user) -> None:
    await make_user("sleeper", is_active=False)
    response = await anonymous.get("/api/user/me/", headers=basic("sleeper", PASSWORD))
    assert response.status_code == 401
    assert "inactive" in response.json()["detail"]
