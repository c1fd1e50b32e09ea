from tests.conftest import Client


async def test_detail_shows_one_flag(anonymous: Client) -> None:
    response = await anonymous.get("/api/flags/FOR_ANN/")
    assert response.status_code == 200
    assert response.json() == {
        "key": "FOR_ANN",
        "state": False,
        "conditions": [{"condition": "user", "value": "ann", "required": False}],
    }


async def test_an_unknown_key_is_404(anonymous: Client) -> None:
    response = await anonymous.get("/api/flags/NO_SUCH_FLAG/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


async def test_keys_are_case_sensitive(anonymous: Client) -> None:
    assert (await anonymous.get("/api/flags/switched_on/")).status_code == 404
