from tests.conftest import Client
from tests.error_reports.factories import make_reports


async def test_page_has_count_links_and_results(client: Client, app) -> None:
    await make_reports(app, 5)
    body = (await client.get("/api/error-report/?limit=2&offset=2")).json()
    assert body["count"] == 5
    assert len(body["results"]) == 2
    assert body["next"] == "http://testserver.local/api/error-report/?limit=2&offset=4"
    assert body["previous"] == "http://testserver.local/api/error-report/?limit=2"


async def test_the_count_is_right_on_every_kind_of_page(client: Client, app) -> None:
    """Short pages give the count without counting; full and empty ones count."""
    await make_reports(app, 5)
    cases = {
        "limit=25": (5, 5),  # short first page
        "limit=5": (5, 5),  # exactly full
        "limit=2&offset=4": (5, 1),  # short last page
        "limit=2&offset=2": (5, 2),  # full middle page
        "limit=2&offset=5": (5, 0),  # just past the end
        "limit=2&offset=50": (5, 0),  # far past the end
        "limit=25&search=problem 3": (1, 1),  # short searched page
        "limit=1&offset=1&search=problem": (5, 1),
    }
    for parameters, (count, on_page) in cases.items():
        body = (await client.get(f"/api/error-report/?{parameters}")).json()
        assert (body["count"], len(body["results"])) == (count, on_page), parameters


async def test_without_limit_the_whole_list_is_a_bare_array(client: Client, app) -> None:
    await make_reports(app, 2101)
    body = (await client.get("/api/error-report/")).json()
    assert isinstance(body, list)
    assert len(body) == 2101
    assert len({item["pk"] for item in body}) == 2101


async def test_default_order_is_newest_first(client: Client, app) -> None:
    await make_reports(app, 3)
    body = (await client.get("/api/error-report/?limit=3")).json()
    assert [item["info"] for item in body["results"]] == [
        "ValueError: problem 2",
        "ValueError: problem 1",
        "ValueError: problem 0",
    ]


async def test_ordering_by_when_ascending(client: Client, app) -> None:
    await make_reports(app, 3)
    body = (await client.get("/api/error-report/?ordering=when")).json()
    assert [item["info"][-1] for item in body] == ["0", "1", "2"]


async def test_search_matches_info_data_and_path(client: Client, app) -> None:
    await make_reports(app, 12)
    body = (await client.get("/api/error-report/?search=problem 11")).json()
    assert [item["info"] for item in body] == ["ValueError: problem 11"]
    assert len((await client.get("/api/error-report/?search=/thing/3/")).json()) == 1


async def test_search_treats_wildcards_literally(client: Client, app) -> None:
    await make_reports(app, 3)
    assert (await client.get("/api/error-report/?search=%25")).json() == []


async def test_objects_have_the_contract_fields_and_rfc3339_dates(client: Client, app) -> None:
    await make_reports(app, 1)
    item = (await client.get("/api/error-report/")).json()[0]
    assert set(item) == {"pk", "when", "info", "data", "path"}
    assert item["when"] == "2026-01-01T00:00:00Z"


async def test_non_staff_users_are_forbidden(login_as, app) -> None:
    user = await login_as("plain")
    response = await user.get("/api/error-report/")
    assert response.status_code == 403
    assert response.json()["detail"]


async def test_staff_users_may_read(login_as, app) -> None:
    await make_reports(app, 1)
    user = await login_as("staffer", is_staff=True)
    assert len((await user.get("/api/error-report/")).json()) == 1
