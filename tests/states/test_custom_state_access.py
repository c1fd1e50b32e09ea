"""/api/generic/status/custom/: any signed-in user reads, staff write, each tenant its own."""

import csv
import io

from tests.conftest import Client
from tests.states.conftest import CUSTOM, make_state, state_body


async def test_a_user_without_roles_reads_but_may_not_write(client: Client, login_as) -> None:
    created = await make_state(client)
    user = await login_as("reader")
    try:
        listed = await user.get(CUSTOM)
        assert listed.status_code == 200
        assert [state["pk"] for state in listed.json()] == [created["pk"]]
        assert (await user.post(CUSTOM, json=await state_body(client, key=102))).status_code == 403
        assert (await user.patch(f"{CUSTOM}{created['pk']}/", json={})).status_code == 403
        assert (await user.delete(f"{CUSTOM}{created['pk']}/")).status_code == 403
    finally:
        await user.aclose()


async def test_staff_write(client: Client, login_as) -> None:
    staff = await login_as("keeper", is_staff=True)
    try:
        response = await staff.post(CUSTOM, json=await state_body(client))
        assert response.status_code == 201, response.text
        assert (await staff.delete(f"{CUSTOM}{response.json()['pk']}/")).status_code == 204
    finally:
        await staff.aclose()


async def test_anonymous_callers_are_refused(anonymous: Client) -> None:
    assert (await anonymous.get(CUSTOM)).status_code == 401


async def test_another_tenants_states_are_invisible(client: Client, login_as) -> None:
    created = await make_state(client)
    stranger = await login_as("stranger", account="other", is_superuser=True)
    try:
        assert (await stranger.get(f"{CUSTOM}{created['pk']}/")).status_code == 404
        assert (await stranger.get(CUSTOM)).json() == []
        values = (await stranger.get("/api/generic/status/StockStatus/")).json()["values"]
        assert "REPAINT" not in values
    finally:
        await stranger.aclose()


async def test_the_list_exports_as_csv(client: Client) -> None:
    created = await make_state(client)
    response = await client.get(f"{CUSTOM}?export=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(row["pk"], row["name"], row["model_name"]) for row in rows] == [
        (str(created["pk"]), "REPAINT", "Stock Item")
    ]
