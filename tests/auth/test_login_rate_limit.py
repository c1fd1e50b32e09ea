from tests.conftest import PASSWORD, Client, basic


async def test_failed_logins_are_rate_limited_with_retry_after(
    make_settings, anonymous_factory
) -> None:
    client: Client = await anonymous_factory(make_settings(login_attempts_per_minute=3))
    for _ in range(3):
        response = await client.post(
            "/api/auth/login/", json={"username": "admin", "password": "x"}
        )
        assert response.status_code == 401
    limited = await client.post(
        "/api/auth/login/", json={"username": "admin", "password": PASSWORD}
    )
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1
    assert "Too many failed logins" in limited.json()["detail"]


async def test_basic_auth_failures_count_too(make_settings, anonymous_factory) -> None:
    client: Client = await anonymous_factory(make_settings(login_attempts_per_minute=2))
    for _ in range(2):
        assert (await client.get("/api/user/me/", headers=basic("admin", "bad"))).status_code == 401
    assert (await client.get("/api/user/me/", headers=basic("admin", PASSWORD))).status_code == 429
