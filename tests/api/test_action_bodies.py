"""A declared action's body is checked field by field and every problem answered at once, in
DRF's words (api/action_bodies.py), shown on the batch-code action."""

from tests.conftest import Client


async def test_every_invalid_field_of_an_action_body_is_reported_at_once(client: Client) -> None:
    response = await client.post(
        "/api/generate/batch-code/", json={"part": True, "location": "shelf", "quantity": "many"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "part": ["Incorrect type. Expected pk value, received bool."],
        "location": ["Incorrect type. Expected pk value, received str."],
        "quantity": ["A valid number is required."],
    }


async def test_a_null_for_a_field_that_takes_none_is_reported(client: Client) -> None:
    response = await client.post("/api/action/", json={"action": None, "data": None})
    assert response.status_code == 400
    assert response.json() == {
        "action": ["This field may not be null."],
        "data": ["This field may not be null."],
    }
