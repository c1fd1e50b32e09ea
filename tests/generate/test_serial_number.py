"""POST /api/generate/serial-number/: the next free serial numbers of a part."""

import asyncio
from datetime import timedelta

import pytest

from storeroom.generate import reservations, routes
from storeroom.models.clock import now
from tests.conftest import Client
from tests.generate.conftest import make_item, make_part, serial_for


async def test_a_part_without_serials_starts_at_one(client: Client) -> None:
    part = await make_part(client, "Widget")
    assert await serial_for(client, part) == "1"


async def test_the_highest_trailing_number_is_incremented_keeping_its_prefix(
    client: Client,
) -> None:
    part = await make_part(client, "Widget")
    for serial in ("A-007", "A-099", "A-010"):
        await make_item(client, part, serial)
    assert await serial_for(client, part) == "A-100"


async def test_a_quantity_gives_that_many_consecutive_serials(client: Client) -> None:
    part = await make_part(client, "Widget")
    await make_item(client, part, "41")
    assert await serial_for(client, part, quantity=3) == "42,43,44"


async def test_serials_of_variants_count_for_their_template(client: Client) -> None:
    template = await make_part(client, "Chair", is_template=True)
    variant = await make_part(client, "Red chair", variant_of=template)
    await make_item(client, variant, "500")
    assert await serial_for(client, template) == "501"


async def test_a_serial_handed_out_is_not_handed_out_again(client: Client) -> None:
    part = await make_part(client, "Widget")
    assert [await serial_for(client, part) for _ in range(3)] == ["1", "2", "3"]


async def test_fifty_concurrent_requests_get_fifty_distinct_serials(client: Client) -> None:
    part = await make_part(client, "Widget")
    serials = await asyncio.gather(*(serial_for(client, part) for _ in range(50)))
    assert len(set(serials)) == 50


async def test_a_missing_part_is_a_400_on_part(client: Client) -> None:
    response = await client.post("/api/generate/serial-number/", json={})
    assert response.status_code == 400
    assert "part" in response.json()


async def test_an_unknown_part_is_a_400_on_part(client: Client) -> None:
    response = await client.post("/api/generate/serial-number/", json={"part": 9999})
    assert response.status_code == 400
    assert "part" in response.json()


async def test_a_quantity_below_one_is_a_400_on_quantity(client: Client) -> None:
    part = await make_part(client, "Widget")
    response = await client.post("/api/generate/serial-number/", json={"part": part, "quantity": 0})
    assert response.status_code == 400
    assert "quantity" in response.json()


async def test_a_quantity_above_the_limit_is_a_400_and_reserves_nothing(client: Client) -> None:
    part = await make_part(client, "Widget")
    for quantity in (1001, 2**40):
        response = await client.post(
            "/api/generate/serial-number/", json={"part": part, "quantity": quantity}
        )
        assert response.status_code == 400
        assert response.json() == {"quantity": ["Ensure this value is less than or equal to 1000."]}
    assert await serial_for(client, part, quantity=2) == "1,2"


async def test_a_part_id_beyond_the_id_range_does_not_exist(client: Client) -> None:
    for part in (2**31, 2**64, str(2**70)):
        response = await client.post("/api/generate/serial-number/", json={"part": part})
        assert response.status_code == 400
        assert response.json() == {"part": [f'Invalid pk "{int(part)}" - object does not exist.']}


async def test_anonymous_callers_are_refused(anonymous: Client) -> None:
    response = await anonymous.post("/api/generate/serial-number/", json={"part": 1})
    assert response.status_code == 401


async def test_a_reservation_is_released_when_it_expires(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    part = await make_part(client, "Widget")
    assert await serial_for(client, part, quantity=2) == "1,2"
    later = timedelta(seconds=reservations.RESERVATION_SECONDS + 1)
    monkeypatch.setattr(routes, "now", lambda: now() + later)
    assert await serial_for(client, part) == "1"
