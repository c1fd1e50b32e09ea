"""OPTIONS answers DRF's metadata (InvenTree's `InvenTreeMetadata`), generated from each
endpoint's declarations; one started app per database for the module."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from storeroom.api.field_metadata import DRF_TYPES, label_of
from storeroom.api.fields import Field
from storeroom.api.resource import Resource
from storeroom.app import STATUS_LABELS, create_app
from storeroom.models.registry import MODELS
from storeroom.settings import load_settings
from tests.conftest import DATABASES, PASSWORD, module_database, started, token_for
from tests.orders.conftest import grant

Clients = dict[str, httpx.AsyncClient]
PARSES = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]


@pytest.fixture(scope="module", params=DATABASES)
async def clients(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    postgres_template: str,
) -> AsyncIterator[Clients]:
    """`admin` (superuser) and `viewer` (may only view parts)."""
    data_dir = tmp_path_factory.mktemp("options") / "data"
    with module_database(request.param, data_dir, sqlite_template, postgres_template) as url:
        settings = load_settings(
            environ={},
            data_dir=data_dir,
            database_url=url,
            admin_password=PASSWORD,
            count_cache_seconds=0.0,
            currency_refresh_hours=0.0,
            log_level="WARNING",
        )
        app = create_app(settings)
        async with started(app) as admin:
            await grant(app, "viewer", {"part": ("view",)})
            viewer = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://testserver.local"
            )
            viewer.headers["Authorization"] = f"Token {await token_for(admin, 'viewer')}"
            admin.headers["Authorization"] = f"Token {await token_for(admin, 'admin')}"
            yield {
                "admin": admin,
                "viewer": viewer,
                "anonymous": httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=app), base_url="http://testserver.local"
                ),
            }
            await viewer.aclose()


def expected_info(resource: Resource, spec: Field) -> dict[str, Any]:
    """What the declaration says OPTIONS must show of a field."""
    read_only = spec.read_only or spec.expression is not None
    required = spec in resource.required_on_create and not read_only
    kind = DRF_TYPES[spec.kind]
    if spec.choices and not read_only and spec.kind != "fk":
        kind = "choice"
    return {
        "type": kind,
        "required": required,
        "read_only": read_only,
        "label": spec.label or label_of(spec.name),
    }


def check_fields(resource: Resource, shown: dict[str, Any]) -> None:
    assert list(shown) == [spec.name for spec in resource.fields]
    for spec in resource.fields:
        info = shown[spec.name]
        expected = expected_info(resource, spec)
        assert {key: info[key] for key in expected} == expected, spec.name
        assert info.get("max_length") == (spec.max_length if spec.kind == "str" else None)
        if expected["type"] == "choice":
            assert [choice["value"] for choice in info["choices"]] == list(spec.choices)
        else:
            assert "choices" not in info
        if spec.kind == "fk" and spec.relation and not expected["read_only"]:
            target = next(entry for entry in MODELS if entry.model_type == spec.relation)
            assert (info["model"], info["api_url"]) == (spec.relation, target.path)


@pytest.mark.parametrize("resource", MODELS, ids=lambda resource: resource.model_type)
async def test_list_options_show_every_declared_field_for_post(
    clients: Clients, resource: Resource
) -> None:
    response = await clients["admin"].options(resource.path)
    assert response.status_code == 200
    body = response.json()
    assert (body["model"], body["renders"], body["parses"]) == (
        resource.model_type,
        ["application/json"],
        PARSES,
    )
    assert body["name"] == f"{resource.verbose_name} List"
    allow = set(response.headers["allow"].split(", "))
    # A capability may serve its own create or bulk DELETE beside the declared list (parts do).
    expected = {"GET"} | ({"POST", "DELETE"} & allow)
    assert set(body["actions"]) == expected
    if "POST" in expected:
        check_fields(resource, body["actions"]["POST"])


@pytest.mark.parametrize("resource", MODELS, ids=lambda resource: resource.model_type)
async def test_detail_options_show_every_declared_field_for_put(
    clients: Clients, resource: Resource
) -> None:
    response = await clients["admin"].options(f"{resource.path}1/")
    body = response.json()
    assert body["name"] == f"{resource.verbose_name} Detail"
    operations = resource.operations
    allow = set(response.headers["allow"].split(", "))
    # A capability may serve its own DELETE beside the declared detail (parts do).
    served = {"GET", *(["PUT"] if "update" in operations else []), *({"DELETE"} & allow)}
    assert set(body["actions"]) == served
    assert all(body["actions"][method] == {} for method in served - {"PUT"})
    if "update" in operations:
        check_fields(resource, body["actions"]["PUT"])
    assert allow == {*served, "OPTIONS", *(["PATCH"] if "PUT" in served else [])}


async def test_options_leave_out_the_steps_the_user_may_not_take(clients: Clients) -> None:
    body = (await clients["viewer"].options("/api/part/")).json()
    assert body["actions"] == {"GET": {}}
    detail = (await clients["viewer"].options("/api/part/1/")).json()
    assert detail["actions"] == {"GET": {}}


async def test_options_of_a_model_the_user_may_not_view_have_no_actions(
    clients: Clients,
) -> None:
    body = (await clients["viewer"].options("/api/company/")).json()
    assert (body["model"], body["actions"]) == ("company", {})


async def test_options_need_a_signed_in_user(clients: Clients) -> None:
    response = await clients["anonymous"].options("/api/part/")
    assert response.status_code == 401
    assert response.json()["detail"]


async def test_create_defaults_are_shown_as_defaults(clients: Clients) -> None:
    company = (await clients["admin"].options("/api/company/")).json()["actions"]["POST"]
    assert (company["currency"]["default"], company["currency"]["required"]) == ("USD", False)
    order = (await clients["admin"].options("/api/order/so/")).json()["actions"]["POST"]
    assert order["reference"]["default"] == "SO-0001"
    assert order["reference"]["required"] is False


async def test_constant_defaults_and_limits_are_shown(clients: Clients) -> None:
    part = (await clients["admin"].options("/api/part/")).json()["actions"]["POST"]
    assert part["active"] == {
        "type": "boolean",
        "required": False,
        "read_only": False,
        "label": "Active",
        "default": True,
    }
    assert (part["name"]["max_length"], part["name"]["required"]) == (100, True)


async def test_status_choices_show_their_labels(clients: Clients) -> None:
    fields = (await clients["admin"].options("/api/stock/")).json()["actions"]["POST"]
    labels = STATUS_LABELS["StockStatus"]
    assert fields["status"]["choices"] == [
        {"value": key, "display_name": label} for key, label in labels.items()
    ]
    assert {"value": 10, "display_name": "OK"} in fields["status"]["choices"]


async def test_relations_name_their_model_and_url(clients: Clients) -> None:
    fields = (await clients["admin"].options("/api/stock/")).json()["actions"]["POST"]
    assert {key: fields["part"][key] for key in ("type", "model", "api_url", "pk_field")} == {
        "type": "related field",
        "model": "part",
        "api_url": "/api/part/",
        "pk_field": "pk",
    }


async def test_an_action_shows_its_body_fields(clients: Clients) -> None:
    body = (await clients["admin"].options("/api/email/generate/")).json()
    assert body["actions"]["POST"]["email"]["type"] == "string"
    assert body["actions"]["POST"]["email"]["required"] is True
    assert "model" not in body


async def test_a_path_without_a_model_has_no_actions(clients: Clients) -> None:
    response = await clients["admin"].options("/api/")
    assert response.status_code == 200
    assert "actions" not in response.json()
    assert response.headers["allow"] == "GET, OPTIONS"


async def test_djblets_options_carry_stat_ok(clients: Clients) -> None:
    body = (await clients["admin"].options("/api/part/?api_format=json")).json()
    assert (body["stat"], body["model"]) == ("ok", "part")
