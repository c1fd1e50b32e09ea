from tests.conftest import Client


async def packages(client: Client) -> list[dict]:
    response = await client.get("/api/icons/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    return response.json()


async def test_anonymous_callers_get_the_tabler_package(anonymous: Client) -> None:
    (tabler,) = await packages(anonymous)
    assert (tabler["name"], tabler["prefix"]) == ("Tabler Icons", "ti")


async def test_the_package_has_thousands_of_icons(anonymous: Client) -> None:
    (tabler,) = await packages(anonymous)
    assert len(tabler["icons"]) > 4000
    assert tabler["icons"]["abacus"]["category"] == "Math"
    assert "counting" in tabler["icons"]["abacus"]["tags"]


async def test_every_icon_has_its_name_category_tags_and_variants(anonymous: Client) -> None:
    (tabler,) = await packages(anonymous)
    for name, icon in tabler["icons"].items():
        assert set(icon) == {"name", "category", "tags", "variants"}
        assert icon["name"] == name
        assert isinstance(icon["category"], str)
        assert icon["category"]
        assert all(isinstance(tag, str) for tag in icon["tags"])
        assert "outline" in icon["variants"]
        assert set(icon["variants"]) <= {"outline", "filled"}


async def test_variants_are_code_points_in_hex(anonymous: Client) -> None:
    (tabler,) = await packages(anonymous)
    assert tabler["icons"]["a-b"]["variants"] == {"outline": "ec36"}
    assert tabler["icons"]["accessible"]["variants"] == {"outline": "eba9", "filled": "f6ea"}
    filled = [icon for icon in tabler["icons"].values() if "filled" in icon["variants"]]
    assert len(filled) > 900


async def test_font_urls_are_served_by_this_server(anonymous: Client) -> None:
    (tabler,) = await packages(anonymous)
    assert tabler["fonts"] == {
        "woff2": "/api/icons/fonts/tabler-icons-3.36.0.woff2",
        "woff": "/api/icons/fonts/tabler-icons-3.36.0.woff",
    }


async def test_signed_in_callers_get_the_same_list(client: Client, anonymous: Client) -> None:
    assert (await client.get("/api/icons/")).content == (await anonymous.get("/api/icons/")).content


async def test_list_with_limit_is_a_page(anonymous: Client) -> None:
    body = (await anonymous.get("/api/icons/?limit=1")).json()
    assert (body["count"], body["next"], body["previous"]) == (1, None, None)
    assert body["results"][0]["prefix"] == "ti"


async def test_an_offset_past_the_end_is_an_empty_page(anonymous: Client) -> None:
    body = (await anonymous.get("/api/icons/?limit=1&offset=1")).json()
    assert (body["count"], body["results"]) == (1, [])
