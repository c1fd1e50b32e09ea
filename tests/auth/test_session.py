from tests.conftest import PASSWORD, Client


async def _login(client: Client) -> str:
    response = await client.post(
        "/api/auth/login/", json={"username": "admin", "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    assert response.cookies.get("sessionid")
    return str(response.json()["csrftoken"])


async def test_login_sets_a_session_cookie_that_authenticates(anonymous: Client) -> None:
    await _login(anonymous)
    me = await anonymous.get("/api/user/me/")
    assert me.status_code == 200
    assert me.json()["username"] == "admin"


async def test_cookie_write_without_csrf_token_is_403(anonymous: Client) -> None:
    await _login(anonymous)
    response = await anonymous.patch("/api/user/me/", json={"first_name": "Ada"})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


async def test_cookie_write_with_csrf_token_succeeds(anonymous: Client) -> None:
    csrf = await _login(anonymous)
    response = await anonymous.patch(
        "/api/user/me/", json={"first_name": "Ada"}, headers={"X-CSRFToken": csrf}
    )
    assert response.status_code == 200
    assert response.json()["first_name"] == "Ada"


async def test_logout_ends_the_session(anonymous: Client) -> None:
    csrf = await _login(anonymous)
    response = await anonymous.post("/api/auth/logout/", headers={"X-CSRFToken": csrf})
    assert response.status_code == 200
    anonymous.cookies.clear()
    assert (await anonymous.get("/api/user/me/")).status_code == 401


async def test_login_with_a_wrong_password_is_401(anonymous: Client) -> None:
    response = await anonymous.post("/api/auth/login/", json={"username": "admin", "password": "x"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid username/password."}


async def test_login_without_password_lists_the_field(anonymous: Client) -> None:
    response = await anonymous.post("/api/auth/login/", json={"username": "admin"})
    assert response.status_code == 400
    assert response.json() == {"password": ["This field is required."]}


async def test_login_accepts_a_form_body(anonymous: Client) -> None:
    response = await anonymous.post(
        "/api/auth/login/", data={"username": "admin", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert response.json()["user"]["username"] == "admin"


async def test_logout_with_a_token_revokes_the_token(client: Client) -> None:
    assert (await client.post("/api/auth/logout/")).status_code == 200
    assert (await client.get("/api/user/me/")).status_code == 401
