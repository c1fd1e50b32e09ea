"""The same data in all four dialects: only the envelope, paging and key case differ."""

from defusedxml import ElementTree

from tests.conftest import Client
from tests.error_reports.factories import make_reports


def snake_of(item: dict) -> dict:
    return {key: item[key] for key in ("pk", "when", "info", "data", "path")}


async def test_a_page_carries_the_same_objects_in_every_dialect(client: Client, app) -> None:
    await make_reports(app, 5)
    drf = (await client.get("/api/error-report/?limit=2&offset=1")).json()
    deep = (await client.get("/api/v1/error-report/?limit=2&offset=1")).json()
    djblets = (await client.get("/api/error-report/?api_format=json&max-results=2&start=1")).json()
    rbac = (await client.get("/api/rbac/v1/error-report/?limit=2&offset=1")).json()
    expected = drf["results"]
    assert len(expected) == 2
    assert deep["results"] == expected  # these fields are single words: the same in camelCase
    assert djblets["error_reports"] == expected
    assert rbac["data"] == expected
    assert (drf["count"], deep["count"], djblets["total_results"], rbac["meta"]["count"]) == (
        5,
    ) * 4


async def test_djblets_envelope_and_links(client: Client, app) -> None:
    await make_reports(app, 5)
    body = (await client.get("/api/error-report/?api_format=json&max-results=2")).json()
    assert body["stat"] == "ok"
    # Djblets leaves out a link there is none of: no `prev` on the first page.
    assert set(body["links"]) == {"next"}
    assert body["links"]["next"]["method"] == "GET"
    assert "start=2" in body["links"]["next"]["href"]


async def test_djblets_last_page_has_no_next_link(client: Client, app) -> None:
    await make_reports(app, 3)
    body = (await client.get("/api/error-report/?api_format=json&max-results=2&start=2")).json()
    assert set(body["links"]) == {"prev"}
    assert "start=0" in body["links"]["prev"]["href"]


async def test_djblets_object_is_wrapped_by_name(client: Client, app) -> None:
    [pk] = await make_reports(app, 1)
    body = (await client.get(f"/api/error-report/{pk}/?api_format=json")).json()
    assert body["stat"] == "ok"
    assert body["error_report"]["pk"] == pk


async def test_djblets_xml_is_well_formed_and_escaped(client: Client, app) -> None:
    await make_reports(app, 1, marker="<b>&'\" ")
    response = await client.get("/api/error-report/?api_format=xml")
    assert response.headers["content-type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    assert root.find("stat").text == "ok"
    items = root.find("error_reports").find("array").findall("item")
    assert items[0].find("info").text == "ValueError: <b>&'\" problem 0"


async def test_djblets_xml_lists_are_arrays_of_items_and_absent_links_left_out(
    client: Client, app
) -> None:
    await make_reports(app, 3)
    response = await client.get("/api/error-report/?api_format=xml&max-results=2")
    root = ElementTree.fromstring(response.content)
    assert [child.tag for child in root.find("error_reports")] == ["array"]
    assert len(root.find("error_reports/array").findall("item")) == 2
    assert [child.tag for child in root.find("links")] == ["next"]
    assert root.find("links/next/method").text == "GET"
    assert root.find("total_results").text == "3"


async def test_djblets_xml_is_indented_as_djblets_writes_it(client: Client, app) -> None:
    [pk] = await make_reports(app, 1)
    text = (await client.get(f"/api/error-report/{pk}/?api_format=xml")).text
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<rsp>\n <stat>ok</stat>\n')
    assert f"\n <error_report>\n  <pk>{pk}</pk>\n" in text
    assert text.endswith("\n</rsp>")


async def test_djblets_max_results_zero_is_400(client: Client) -> None:
    response = await client.get("/api/error-report/?api_format=json&max-results=0")
    assert response.status_code == 400
    assert response.json()["err"]["code"] == 105
    assert "max-results" in response.json()["fields"]


async def test_djblets_caps_max_results_at_200(client: Client, app) -> None:
    await make_reports(app, 205)
    body = (await client.get("/api/error-report/?api_format=json&max-results=500")).json()
    assert len(body["error_reports"]) == 200


async def test_rbac_meta_and_relative_sorted_links(client: Client, app) -> None:
    await make_reports(app, 25)
    body = (await client.get("/api/rbac/v1/error-report/?offset=10")).json()
    assert body["meta"] == {"count": 25, "limit": 10, "offset": 10}
    assert body["links"]["first"] == "/api/rbac/v1/error-report/?limit=10&offset=0"
    assert body["links"]["next"] == "/api/rbac/v1/error-report/?limit=10&offset=20"
    assert body["links"]["previous"] == "/api/rbac/v1/error-report/?limit=10&offset=0"
    assert body["links"]["last"] == "/api/rbac/v1/error-report/?limit=10&offset=20"


async def test_rbac_orders_with_order_by(client: Client, app) -> None:
    await make_reports(app, 3)
    body = (await client.get("/api/rbac/v1/error-report/?order_by=when")).json()
    assert [item["info"][-1] for item in body["data"]] == ["0", "1", "2"]


async def test_deep_keys_are_camel_case_and_it_accepts_both_cases(client: Client) -> None:
    me = (await client.get("/api/v1/user/me/")).json()
    assert "firstName" in me
    assert "isSuperuser" in me
    assert "first_name" not in me
    camel = await client.patch("/api/v1/user/me/", json={"firstName": "Grace"})
    assert camel.json()["firstName"] == "Grace"
    snake = await client.patch("/api/v1/user/me/", json={"last_name": "Hopper"})
    assert snake.json()["lastName"] == "Hopper"


async def test_deep_always_pages(client: Client, app) -> None:
    await make_reports(app, 30)
    body = (await client.get("/api/v1/error-report/")).json()
    assert body["count"] == 30
    assert len(body["results"]) == 25


async def test_every_response_names_its_dialect(client: Client) -> None:
    cases = {
        "/api/user/me/": ("drf", "X-API-Dialect"),
        "/api/v1/user/me/": ("deep", "X-API-Dialect"),
        "/api/rbac/v1/user/me/": ("rbac", "X-API-Dialect"),
        "/api/user/me/?api_format=json": ("djblets", "X-API-Dialect, Accept"),
    }
    for path, (dialect, vary) in cases.items():
        response = await client.get(path)
        assert response.headers["x-api-dialect"] == dialect, path
        assert response.headers["vary"] == vary, path


async def test_the_header_chooses_the_dialect_on_the_drf_mount(client: Client) -> None:
    response = await client.get("/api/user/me/", headers={"X-API-Dialect": "DEEP"})
    assert response.headers["x-api-dialect"] == "deep"
    assert "firstName" in response.json()


async def test_an_unknown_or_contradicting_dialect_header_is_400(client: Client) -> None:
    unknown = await client.get("/api/user/me/", headers={"X-API-Dialect": "soap"})
    assert unknown.status_code == 400
    assert "soap" in unknown.json()["X-API-Dialect"][0]
    contradicting = await client.get("/api/v1/user/me/", headers={"X-API-Dialect": "rbac"})
    assert contradicting.status_code == 400
    assert contradicting.json()["errorCode"] == 400
