"""Who may see and change import data: the target model's ruleset (view to read, add or change to
act), and only the session's owner or staff may act on it (issue 12, item 3)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from tests.conftest import Client
from tests.importer.conftest import mapped_session, processed_session, rows_of, wait_for

Login = Callable[..., Awaitable[Client]]
COMPANIES = "Name,Description,Currency\nAcme,Anvils,EUR\n"
PURCHASING = {"purchase_order": ("view", "add", "change", "delete")}
PARTS = {"part": ("view", "add", "change", "delete")}


async def test_user_without_the_models_view_right_lists_none_of_its_rows(
    client: Client, login_as: Login
) -> None:
    session = await processed_session(client, COMPANIES, model_type="company")
    outsider = await login_as("outsider")
    assert (await outsider.get("/api/company/")).status_code == 403
    assert (await outsider.get(f"/api/importer/row/?session={session['pk']}")).json() == []
    page = (await outsider.get(f"/api/importer/row/?session={session['pk']}&limit=5")).json()
    assert (page["count"], page["results"]) == (0, [])


async def test_user_without_the_models_view_right_lists_none_of_its_sessions(
    client: Client, login_as: Login
) -> None:
    await mapped_session(client, COMPANIES, model_type="company")
    outsider = await login_as("outsider")
    assert (await outsider.get("/api/importer/session/")).json() == []
    page = (await outsider.get("/api/importer/session/?limit=5")).json()
    assert (page["count"], page["results"]) == (0, [])


async def test_user_without_the_models_view_right_lists_none_of_its_column_mappings(
    client: Client, login_as: Login
) -> None:
    session = await mapped_session(client, COMPANIES, model_type="company")
    outsider = await login_as("outsider")
    listed = await outsider.get(f"/api/importer/column-mapping/?session={session['pk']}")
    assert listed.json() == []


async def test_user_with_the_models_view_right_lists_its_sessions(
    client: Client, login_as: Login
) -> None:
    session = await mapped_session(client, COMPANIES, model_type="company")
    await mapped_session(client, "Name\nBolt\n", model_type="part")
    buyer = await login_as("buyer", rules={"purchase_order": ("view",)})
    listed = (await buyer.get("/api/importer/session/")).json()
    assert [found["pk"] for found in listed] == [session["pk"]]


async def test_user_without_the_models_view_right_is_refused_a_row(
    client: Client, login_as: Login
) -> None:
    session = await processed_session(client, COMPANIES, model_type="company")
    [row] = await rows_of(client, session["pk"])
    outsider = await login_as("outsider")
    response = await outsider.get(f"/api/importer/row/{row['pk']}/")
    assert response.status_code == 403
    assert "Acme" not in response.text


async def test_user_without_the_models_view_right_is_refused_a_session(
    client: Client, login_as: Login
) -> None:
    session = await mapped_session(client, COMPANIES, model_type="company")
    outsider = await login_as("outsider")
    response = await outsider.get(f"/api/importer/session/{session['pk']}/")
    assert response.status_code == 403
    assert response.json()["detail"]


async def test_another_user_cannot_edit_a_row(client: Client, login_as: Login) -> None:
    session = await processed_session(client, COMPANIES, model_type="company")
    [row] = await rows_of(client, session["pk"])
    buyer = await login_as("buyer", rules=PURCHASING)
    edit = {"data": {"name": "Evil"}}
    response = await buyer.patch(f"/api/importer/row/{row['pk']}/", json=edit)
    assert response.status_code == 403
    assert "or staff" in response.json()["detail"]
    [unchanged] = await rows_of(client, session["pk"])
    assert unchanged["data"]["name"] == "Acme"


async def test_a_user_without_roles_cannot_edit_a_row_with_an_empty_body(
    client: Client, login_as: Login
) -> None:
    session = await processed_session(client, COMPANIES, model_type="company")
    [row] = await rows_of(client, session["pk"])
    outsider = await login_as("outsider")
    response = await outsider.patch(f"/api/importer/row/{row['pk']}/", json={})
    assert response.status_code == 403
    assert "Acme" not in response.text


async def test_another_user_cannot_change_a_column_mapping(client: Client, login_as: Login) -> None:
    session = await mapped_session(client, COMPANIES, model_type="company")
    mapping = next(m for m in session["column_mappings"] if m["field"] == "description")
    buyer = await login_as("buyer", rules=PURCHASING)
    path = f"/api/importer/column-mapping/{mapping['pk']}/"
    response = await buyer.patch(path, json={"column": ""})
    assert response.status_code == 403
    assert (await client.get(path)).json()["column"] == "Description"


async def test_another_user_cannot_accept_the_fields_of_a_session(
    client: Client, login_as: Login
) -> None:
    session = await mapped_session(client, COMPANIES, model_type="company")
    buyer = await login_as("buyer", rules=PURCHASING)
    response = await buyer.post(f"/api/importer/session/{session['pk']}/accept_fields/")
    assert response.status_code == 403
    assert (await client.get(f"/api/importer/session/{session['pk']}/")).json()["status"] == 10


async def test_another_user_cannot_accept_the_rows_of_a_session(
    client: Client, login_as: Login
) -> None:
    session = await processed_session(client, COMPANIES, model_type="company")
    [row] = await rows_of(client, session["pk"])
    buyer = await login_as("buyer", rules=PURCHASING)
    path = f"/api/importer/session/{session['pk']}/accept_rows/"
    response = await buyer.post(path, json={"rows": [row["pk"]]})
    assert response.status_code == 403
    assert (await client.get("/api/company/")).json() == []


async def test_another_user_cannot_change_the_options_of_a_session(
    client: Client, login_as: Login
) -> None:
    session = await mapped_session(client, COMPANIES, model_type="company")
    buyer = await login_as("buyer", rules=PURCHASING)
    path = f"/api/importer/session/{session['pk']}/"
    response = await buyer.patch(path, json={"field_defaults": {"description": "x"}})
    assert response.status_code == 403
    assert (await client.get(path)).json()["field_defaults"] is None


async def test_another_user_cannot_delete_a_session(client: Client, login_as: Login) -> None:
    session = await mapped_session(client, COMPANIES, model_type="company")
    buyer = await login_as("buyer", rules=PURCHASING)
    path = f"/api/importer/session/{session['pk']}/"
    assert (await buyer.delete(path)).status_code == 403
    assert (await client.get(path)).status_code == 200


async def test_bulk_delete_of_sessions_deletes_only_the_callers_own(
    client: Client, login_as: Login
) -> None:
    theirs = await mapped_session(client, "Name\nBolt\n", model_type="part")
    engineer = await login_as("engineer", rules=PARTS)
    mine = await mapped_session(engineer, "Name\nNut\n", model_type="part")
    response = await engineer.request(
        "DELETE", "/api/importer/session/", json={"filters": {"model_type": "part"}}
    )
    assert response.status_code == 204
    assert (await client.get(f"/api/importer/session/{theirs['pk']}/")).status_code == 200
    assert (await client.get(f"/api/importer/session/{mine['pk']}/")).status_code == 404


async def test_bulk_delete_by_a_user_without_roles_deletes_nothing(
    client: Client, login_as: Login
) -> None:
    session = await mapped_session(client, "Name\nBolt\n", model_type="part")
    outsider = await login_as("outsider")
    body: dict[str, Any] = {"filters": {"model_type": "part"}}
    await outsider.request("DELETE", "/api/importer/session/", json=body)
    assert (await client.get(f"/api/importer/session/{session['pk']}/")).status_code == 200


async def test_another_user_cannot_delete_a_row(client: Client, login_as: Login) -> None:
    session = await processed_session(client, COMPANIES, model_type="company")
    [row] = await rows_of(client, session["pk"])
    buyer = await login_as("buyer", rules=PURCHASING)
    assert (await buyer.delete(f"/api/importer/row/{row['pk']}/")).status_code == 403
    assert len(await rows_of(client, session["pk"])) == 1


async def test_bulk_delete_of_rows_leaves_another_users_rows(
    client: Client, login_as: Login
) -> None:
    session = await processed_session(client, COMPANIES, model_type="company")
    buyer = await login_as("buyer", rules=PURCHASING)
    body = {"filters": {"session": session["pk"]}}
    await buyer.request("DELETE", "/api/importer/row/", json=body)
    assert len(await rows_of(client, session["pk"])) == 1


async def test_owner_without_staff_edits_its_own_row(login_as: Login) -> None:
    buyer = await login_as("buyer", rules=PURCHASING)
    session = await processed_session(buyer, COMPANIES, model_type="company")
    [row] = await rows_of(buyer, session["pk"])
    edit = {"data": {"name": "Acme Ltd"}}
    response = await buyer.patch(f"/api/importer/row/{row['pk']}/", json=edit)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["name"] == "Acme Ltd"


async def test_staff_with_the_models_rights_act_on_another_users_session(
    client: Client, login_as: Login
) -> None:
    session = await mapped_session(client, COMPANIES, model_type="company")
    clerk = await login_as("clerk", rules=PURCHASING, is_staff=True)
    response = await clerk.post(f"/api/importer/session/{session['pk']}/accept_fields/")
    assert response.status_code == 200, response.text
    await wait_for(client, session["pk"], {30, 40})
