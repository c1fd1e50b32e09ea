"""POST /api/email/generate/: a login link emailed to a known address; the same answer for all."""

import socket

import sqlalchemy as sa
from litestar import Litestar

from storeroom.mail.tables import magic_link_table
from tests.conftest import Client
from tests.mail.conftest import SITE, Inbox, received_fields


def ok(address: str) -> dict[str, str]:
    """The one answer, for known and unknown addresses alike: it echoes what was sent."""
    return {"status": "ok", "email": address}


ADMIN_EMAIL = "admin@example.com"


async def ask(client: Client, address: object) -> tuple[int, object]:
    response = await client.post("/api/email/generate/", json={"email": address})
    return response.status_code, response.json()


async def test_a_known_address_gets_a_login_link(
    anonymous: Client, make_user, inbox: Inbox
) -> None:
    await make_user("ada", email="ada@example.com")
    assert await ask(anonymous, "ada@example.com") == (200, ok("ada@example.com"))
    assert [received_fields(message) for message in inbox.messages] == [
        {
            "to": "ada@example.com",
            "from": "storeroom@storeroom.example",
            "subject": "Your storeroom login link",
        }
    ]
    text = inbox.messages[0].get_content()
    assert f"{SITE}{inbox.link()}" in text
    assert "Hello ada" in text


async def test_an_unknown_address_answers_ok_and_nothing_is_sent(
    anonymous: Client, inbox: Inbox
) -> None:
    assert await ask(anonymous, "nobody@example.com") == (200, ok("nobody@example.com"))
    assert inbox.messages == []


async def test_the_address_matches_whatever_its_case(
    anonymous: Client, make_user, inbox: Inbox
) -> None:
    await make_user("ada", email="Ada@Example.com")
    assert await ask(anonymous, "ada@EXAMPLE.com") == (200, ok("ada@EXAMPLE.com"))
    assert len(inbox.messages) == 1


async def test_the_message_goes_to_the_address_as_the_user_record_has_it(
    anonymous: Client, make_user, inbox: Inbox
) -> None:
    await make_user("ada", email="Ada@Example.com")
    await ask(anonymous, "ada@example.COM")
    assert inbox.messages[0]["To"] == "Ada@Example.com"


async def test_each_user_with_the_address_gets_a_link_of_their_own(
    anonymous: Client, make_user, inbox: Inbox
) -> None:
    await make_user("ada", email="ada@example.com")
    await make_user("ada-at-work", account="work", email="ada@example.com")
    assert await ask(anonymous, "ada@example.com") == (200, ok("ada@example.com"))
    texts = sorted(message.get_content() for message in inbox.messages)
    assert len(texts) == 2
    assert "Hello ada," in texts[0]
    assert "(account default)" in texts[0]
    assert "Hello ada-at-work," in texts[1]
    assert "(account work)" in texts[1]
    assert inbox.link(0) != inbox.link(1)


async def test_an_inactive_user_gets_no_link(anonymous: Client, make_user, inbox: Inbox) -> None:
    await make_user("gone", email="gone@example.com", is_active=False)
    assert await ask(anonymous, "gone@example.com") == (200, ok("gone@example.com"))
    assert inbox.messages == []


async def test_a_malformed_email_is_400(anonymous: Client, inbox: Inbox) -> None:
    assert await ask(anonymous, "not-an-address") == (
        400,
        {"email": ["Enter a valid email address."]},
    )


async def test_a_missing_email_is_400(anonymous: Client) -> None:
    response = await anonymous.post("/api/email/generate/", json={})
    assert response.status_code == 400
    assert response.json() == {"email": ["This field is required."]}


async def test_a_form_body_is_accepted(anonymous: Client, make_user, inbox: Inbox) -> None:
    await make_user("ada", email="ada@example.com")
    response = await anonymous.post("/api/email/generate/", data={"email": "ada@example.com"})
    assert (response.status_code, response.json()) == (200, ok("ada@example.com"))
    assert len(inbox.messages) == 1


async def test_an_address_gets_at_most_five_links_an_hour(
    anonymous: Client, make_user, inbox: Inbox
) -> None:
    await make_user("ada", email="ada@example.com")
    answers = [await ask(anonymous, "ada@example.com") for _ in range(7)]
    assert answers == [(200, ok("ada@example.com"))] * 7
    assert len(inbox.messages) == 5


async def test_a_link_is_stored_only_as_a_hash(
    app: Litestar, anonymous: Client, make_user, inbox: Inbox
) -> None:
    await make_user("ada", email="ada@example.com")
    await ask(anonymous, "ada@example.com")
    token = inbox.link().rstrip("/").rsplit("/", 1)[1]
    async with app.state.api.databases.platform.connect() as connection:
        rows = (await connection.execute(sa.select(magic_link_table))).mappings().all()
    assert len(rows) == 1
    assert token not in str(dict(rows[0]))


async def test_an_smtp_failure_is_logged_and_still_answers_ok(
    make_settings, anonymous_factory, mail_log: list[str]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    anonymous = await anonymous_factory(
        make_settings(smtp_host="127.0.0.1", smtp_port=closed_port, admin_email=ADMIN_EMAIL)
    )
    assert await ask(anonymous, ADMIN_EMAIL) == (200, ok(ADMIN_EMAIL))
    assert len(mail_log) == 1
    assert f"not sent: SMTP server 127.0.0.1:{closed_port}:" in mail_log[0]


async def test_without_an_smtp_host_nothing_is_sent_and_that_is_logged(
    make_settings, anonymous_factory, mail_log: list[str]
) -> None:
    anonymous = await anonymous_factory(make_settings(smtp_host="", admin_email=ADMIN_EMAIL))
    assert await ask(anonymous, ADMIN_EMAIL) == (200, ok(ADMIN_EMAIL))
    assert mail_log == [
        "No SMTP host is configured (STOREROOM_SMTP_HOST); "
        "'Your storeroom login link' was not sent."
    ]
