from tests.conftest import Client
from tests.error_reports.factories import make_reports


async def test_detail_returns_the_report(client: Client, app) -> None:
    [pk] = await make_reports(app, 1)
    body = (await client.get(f"/api/error-report/{pk}/")).json()
    assert body["pk"] == pk
    assert body["info"] == "ValueError: problem 0"


async def test_missing_report_is_404(client: Client) -> None:
    response = await client.get("/api/error-report/999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


async def test_put_and_patch_change_nothing_and_return_the_report(client: Client, app) -> None:
    [pk] = await make_reports(app, 1)
    before = (await client.get(f"/api/error-report/{pk}/")).json()
    for method in (client.put, client.patch):
        response = await method(f"/api/error-report/{pk}/", json={"info": "rewritten"})
        assert response.status_code == 200
        assert response.json() == before


async def test_delete_removes_the_report(client: Client, app) -> None:
    [pk] = await make_reports(app, 1)
    assert (await client.delete(f"/api/error-report/{pk}/")).status_code == 204
    assert (await client.get(f"/api/error-report/{pk}/")).status_code == 404
    assert (await client.delete(f"/api/error-report/{pk}/")).status_code == 404
