"""The flags tests run on a deployment that declares one flag per kind of condition."""

import json
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from storeroom.settings import Settings
from tests.conftest import Client

PAST, FUTURE, FAR_FUTURE = "2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "3000-01-01T00:00:00Z"
FLAGS = {
    "SWITCHED_ON": [{"condition": "boolean", "value": True}],
    "SWITCHED_OFF": [{"condition": "boolean", "value": False}],
    "FOR_STAFF": [{"condition": "staff"}],
    "FOR_SUPERUSERS": [{"condition": "superuser", "value": True}],
    "FOR_ANN": [{"condition": "user", "value": "ann"}],
    "FOR_ANONYMOUS": [{"condition": "anonymous"}],
    "FOR_SIGNED_IN": [{"condition": "anonymous", "value": False}],
    "PREVIEW": [{"condition": "parameter", "value": "preview"}],
    "EXPERIMENTAL": [
        {"condition": "boolean", "value": False},
        {"condition": "parameter", "value": "experimental="},
    ],
    "NOW_IN_RANGE": [
        {"condition": "after", "value": PAST, "required": True},
        {"condition": "before", "value": FUTURE, "required": True},
    ],
    "RANGE_TO_COME": [
        {"condition": "after", "value": FUTURE, "required": True},
        {"condition": "before", "value": FAR_FUTURE, "required": True},
    ],
    "BEFORE_OR_AFTER": [
        {"condition": "before", "value": PAST},
        {"condition": "after date", "value": FUTURE},
    ],
    "STAFF_PREVIEW": [
        {"condition": "staff", "required": True},
        {"condition": "parameter", "value": "preview"},
    ],
    "NO_CONDITIONS": [],
}


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings(flags=json.dumps(FLAGS))


Caller = Callable[..., Awaitable[Client]]


@pytest.fixture
async def caller(login_as: Caller) -> AsyncIterator[Caller]:
    """A client for a new user of the default tenant, closed after the test."""
    opened: list[Client] = []

    async def login(username: str, **attributes: object) -> Client:
        opened.append(await login_as(username, **attributes))
        return opened[-1]

    yield login
    for client in opened:
        await client.aclose()


async def state(client: Client, key: str, query: str = "") -> bool:
    response = await client.get(f"/api/flags/{key}/{query}")
    assert response.status_code == 200, response.text
    return bool(response.json()["state"])
