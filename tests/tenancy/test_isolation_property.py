"""Property: whatever sequence of operations two tenants run, no response to one ever contains the
other's data (hypothesis draws the sequences)."""

import asyncio

import httpx
import pytest
from hypothesis import HealthCheck, given, settings, strategies

from tests.conftest import Client, token_for
from tests.error_reports.factories import make_reports

MARKS = {"default": "MARK-DEFAULT", "acme": "MARK-ACME"}

OPERATIONS = strategies.lists(
    strategies.tuples(
        strategies.sampled_from(["default", "acme"]),
        strategies.sampled_from(
            ["list", "page", "detail", "search", "export", "delete", "bulk_delete", "patch"]
        ),
        strategies.integers(min_value=1, max_value=6),
    ),
    min_size=1,
    max_size=12,
)


async def run(client: Client, operation: str, number: int) -> str:
    path = "/api/error-report/"
    if operation == "list":
        response = await client.get(path)
    elif operation == "page":
        response = await client.get(f"{path}?limit=2&offset={number % 3}&ordering=-info")
    elif operation == "detail":
        response = await client.get(f"{path}{number}/")
    elif operation == "search":
        response = await client.get(f"{path}?search=MARK")
    elif operation == "export":
        response = await client.get(f"{path}?export=csv")
    elif operation == "delete":
        response = await client.delete(f"{path}{number}/")
    elif operation == "patch":
        response = await client.patch(f"{path}{number}/", json={"info": "x"})
    else:
        response = await client.request("DELETE", path, json={"items": [number, number + 1]})
    assert response.status_code < 500, response.text
    return response.text


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
async def test_random_operations_never_leak_between_tenants(app, make_user, client: Client) -> None:
    await make_user("road", account="acme", is_superuser=True, is_staff=True)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver.local"
    ) as acme:
        acme.headers["Authorization"] = f"Token {await token_for(acme, 'road')}"
        clients = {"default": client, "acme": acme}
        loop = asyncio.get_running_loop()

        @settings(
            max_examples=25,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture],
        )
        @given(OPERATIONS)
        def check(operations: list[tuple[str, str, int]]) -> None:
            future = asyncio.run_coroutine_threadsafe(scenario(operations), loop)
            future.result(timeout=60)

        async def scenario(operations: list[tuple[str, str, int]]) -> None:
            for account in clients:
                await make_reports(app, 4, account, marker=MARKS[account] + " ")
            for account, operation, number in operations:
                other = MARKS["acme" if account == "default" else "default"]
                text = await run(clients[account], operation, number)
                assert other not in text, (account, operation, number)

        await asyncio.to_thread(check)
