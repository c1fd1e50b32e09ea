"""GET /api/auth/magic/{token}/: an emailed link logs its user in, once, before it expires."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from litestar import Litestar

from storeroom.auth.tables import user_table
from storeroom.mail.tables import magic_link_table
from tests.conftest import Client
from tests.mail.conftest import Inbox

REFUSED = {"detail": "This login link is invalid, has expired or has been used."}


async def emailed_link(client: Client, make_user, inbox: Inbox) -> str:
    await make_user("ada", email="ada@example.com", first_name="Ada")
    response = await client.post("/api/email/generate/", json={"email": "ada@example.com"})
    assert response.status_code == 200
    return inbox.link()


async def test_the_link_logs_the_user_in(anonymous: Client, make_user, inbox: Inbox) -> None:
    link = await emailed_link(anonymous, make_user, inbox)
    response = await anonymous.get(link)
    assert response.status_code == 200
    body = response.json()
    assert (body["detail"], body["user"]["username"], body["user"]["first_name"]) == (
        "Logged in.",
        "ada",
        "Ada",
    )
    assert response.cookies.get("sessionid")
    assert response.cookies.get("csrftoken") == body["csrftoken"]


async def test_the_session_it_starts_authenticates_later_requests(
    anonymous: Client, make_user, inbox: Inbox
) -> None:
    await anonymous.get(await emailed_link(anonymous, make_user, inbox))
    me = await anonymous.get("/api/user/me/")
    assert me.status_code == 200
    assert me.json()["username"] == "ada"


async def test_a_second_use_of_the_link_is_refused(
    anonymous: Client, make_user, inbox: Inbox
) -> None:
    link = await emailed_link(anonymous, make_user, inbox)
    assert (await anonymous.get(link)).status_code == 200
    anonymous.cookies.clear()
    response = await anonymous.get(link)
    assert (response.status_code, response.json()) == (401, REFUSED)


async def test_an_expired_link_is_refused(
    app: Litestar, anonymous: Client, make_user, inbox: Inbox
) -> None:
    link = await emailed_link(anonymous, make_user, inbox)
    async with app.state.api.databases.platform.begin() as connection:
        await connection.execute(
            sa.update(magic_link_table).values(expires=datetime.now(UTC) - timedelta(seconds=1))
        )
    response = await anonymous.get(link)
    assert (response.status_code, response.json()) == (401, REFUSED)


async def test_an_unknown_link_is_refused(anonymous: Client) -> None:
    response = await anonymous.get(f"/api/auth/magic/{'ab' * 20}/")
    assert (response.status_code, response.json()) == (401, REFUSED)
    assert "sessionid" not in response.cookies


async def test_a_link_of_a_user_deactivated_since_is_refused(
    app: Litestar, anonymous: Client, make_user, inbox: Inbox
) -> None:
    link = await emailed_link(anonymous, make_user, inbox)
    async with app.state.api.databases.platform.begin() as connection:
        await connection.execute(
            sa.update(user_table).where(user_table.c.username == "ada").values(is_active=False)
        )
    response = await anonymous.get(link)
    assert (response.status_code, response.json()) == (401, {"detail": "User inactive or deleted."})


async def test_the_link_works_under_every_api_mount(
    anonymous: Client, make_user, inbox: Inbox
) -> None:
    link = await emailed_link(anonymous, make_user, inbox)
    response = await anonymous.get(link.replace("/api/", "/api/v1/"))
    assert response.status_code == 200
