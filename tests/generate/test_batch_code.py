"""POST /api/generate/batch-code/: a batch code from the deployment's template."""

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from storeroom.settings import Settings
from tests.conftest import Client
from tests.generate.conftest import make_part

TEMPLATE = "{{ part.name if part else 'none' }}/{{ quantity }}/{{ month }}/{{ counter }}"


@pytest.fixture
def settings(request: pytest.FixtureRequest, make_settings: Callable[..., Settings]) -> Settings:
    template = getattr(request, "param", "{{ year }}{{ week }}-{{ counter }}")
    return make_settings(batch_code_template=template)


async def batch_code(client: Client, **fields: object) -> str:
    response = await client.post("/api/generate/batch-code/", json=fields)
    assert response.status_code == 200, response.text
    return str(response.json()["batch_code"])


async def test_the_default_template_gives_year_week_and_a_counter(client: Client) -> None:
    today = datetime.now(UTC).isocalendar()
    assert await batch_code(client) == f"{today.year}{today.week}-1"


async def test_the_counter_goes_up_with_each_code(client: Client) -> None:
    first, second = await batch_code(client), await batch_code(client)
    assert first.endswith("-1")
    assert second.endswith("-2")


@pytest.mark.parametrize("settings", [TEMPLATE], indirect=True)
async def test_the_template_sees_the_given_part_and_quantity(client: Client) -> None:
    part = await make_part(client, "Widget")
    month = datetime.now(UTC).month
    assert await batch_code(client, part=part, quantity=5) == f"Widget/5.0/{month}/1"


@pytest.mark.parametrize("settings", [TEMPLATE], indirect=True)
async def test_an_unknown_context_object_is_a_400_on_its_field(client: Client) -> None:
    response = await client.post("/api/generate/batch-code/", json={"location": 9999})
    assert response.status_code == 400
    assert "location" in response.json()


@pytest.mark.parametrize(
    "settings", ["{{ ''.__class__.__mro__[1].__subclasses__() }}"], indirect=True
)
async def test_a_template_reaching_python_internals_is_a_400(client: Client) -> None:
    response = await client.post("/api/generate/batch-code/", json={})
    assert response.status_code == 400
    assert "batch_code_template" in response.json()


@pytest.mark.parametrize("settings", ["{{ 'x' * 1000000000 }}"], indirect=True)
async def test_a_template_exhausting_memory_is_a_400(client: Client) -> None:
    response = await client.post("/api/generate/batch-code/", json={})
    assert response.status_code == 400
    assert "batch_code_template" in response.json()


@pytest.mark.parametrize("settings", ["{{ year }", "{{ 1 / 0 }}"], indirect=True)
async def test_a_template_that_cannot_render_is_a_400(client: Client) -> None:
    response = await client.post("/api/generate/batch-code/", json={})
    assert response.status_code == 400
    assert "batch_code_template" in response.json()
