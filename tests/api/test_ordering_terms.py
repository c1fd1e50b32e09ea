"""`?ordering=`: each field counted once, at most ten of them, and the statements compiled for the
shapes clients choose kept in a bounded cache (issue #12)."""

import itertools

from litestar import Litestar

from storeroom.api.query import SHAPES_KEPT
from storeroom.models.registry import BY_MODEL_TYPE
from tests.conftest import Client


async def make_companies(client: Client, *names: str) -> None:
    for name in names:
        response = await client.post("/api/company/", json={"name": name, "currency": "EUR"})
        assert response.status_code == 201, response.text


async def test_an_ordering_of_2000_repeated_terms_is_one_term(client: Client) -> None:
    await make_companies(client, "b", "a", "c")
    response = await client.get("/api/company/", params={"ordering": ",".join(["name"] * 2000)})
    assert response.status_code == 200, response.text
    assert [item["name"] for item in response.json()] == ["a", "b", "c"]


async def test_an_ordering_of_more_than_ten_fields_is_400(client: Client) -> None:
    fields = BY_MODEL_TYPE["build"].ordering[:11]
    response = await client.get("/api/build/", params={"ordering": ",".join(fields)})
    assert response.status_code == 400
    assert response.json() == {"ordering": ["Order by at most 10 fields."]}


def orderings() -> list[str]:
    fields = ["name", "parts_supplied", "parts_manufactured"]
    found = []
    for size in range(1, 4):
        for chosen in itertools.permutations(fields, size):
            for signs in itertools.product(["", "-"], repeat=size):
                terms = [sign + name for sign, name in zip(signs, chosen, strict=True)]
                found += [",".join([*terms, *tail]) for tail in ([], ["pk"], ["-pk"])]
    return found


async def test_statements_kept_for_many_orderings_stay_bounded(
    client: Client, app: Litestar
) -> None:
    chosen = orderings()
    assert len(chosen) > 3 * SHAPES_KEPT
    for ordering in chosen:
        response = await client.get("/api/company/", params={"ordering": ordering, "limit": 1})
        assert response.status_code == 200
    assert len(app.state.api.statements(BY_MODEL_TYPE["company"])) <= 3 * SHAPES_KEPT
