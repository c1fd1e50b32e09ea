"""/api/background-task/ and its lists, read from the queue that runs: pending, scheduled and
failed tasks as InvenTree 264 answers them, the DELETEs, staff only, each tenant its own jobs."""

from __future__ import annotations

from typing import Any

from tests.background.conftest import FAILURE, Deployment, eventually

PENDING = "/api/background-task/pending/"
FAILED = "/api/background-task/failed/"
SCHEDULED = "/api/background-task/scheduled/"


def failed_with(account: str) -> Any:
    return lambda body: any(task["kwargs"] == repr({"account": account}) for task in body)


async def test_a_failing_job_lands_in_failed_with_its_error_after_its_retries(
    deployment: Deployment,
) -> None:
    await deployment.submit("tests.fail", account="default")
    admin = deployment.clients["admin"]
    body = await eventually(admin, FAILED, failed_with("default"))
    failed = [task for task in body if task["kwargs"] == repr({"account": "default"})]
    assert len(failed) == 1
    task = failed[0]
    assert (task["func"], task["name"], task["attempt_count"]) == ("tests.fail", "tests.fail", 2)
    assert FAILURE in task["result"]
    assert "RuntimeError" in task["result"]
    assert task["started"] <= task["stopped"]
    assert set(task) == {
        "pk", "name", "func", "args", "kwargs", "started", "stopped", "attempt_count", "result"
    }  # fmt: skip


async def test_deleting_a_failed_task_removes_it_and_no_other(deployment: Deployment) -> None:
    for account in ("default", "default"):
        await deployment.submit("tests.fail", account=account, marker="delete-me")
    admin = deployment.clients["admin"]
    marked = repr({"account": "default", "marker": "delete-me"})

    def both(body: list[dict[str, Any]]) -> bool:
        return len([task for task in body if task["kwargs"] == marked]) == 2

    body = await eventually(admin, FAILED, both)
    first, second = (task["pk"] for task in body if task["kwargs"] == marked)
    response = await admin.request("DELETE", FAILED, json={"items": [first]})
    assert response.status_code == 204
    remaining = [task["pk"] for task in (await admin.get(FAILED)).json()]
    assert first not in remaining
    assert second in remaining


async def test_a_running_job_is_pending_until_deleted(deployment: Deployment) -> None:
    await deployment.submit("tests.wait", account="default", seconds=60)
    admin = deployment.clients["admin"]
    body = await eventually(admin, PENDING, lambda found: len(found) == 1)
    assert len(body) == 1
    task = body[0]
    assert (task["func"], task["name"], task["key"]) == ("tests.wait", "tests.wait", "storeroom")
    assert task["kwargs"] == repr({"account": "default", "seconds": 60})
    assert isinstance(task["pk"], int)
    response = await admin.request("DELETE", PENDING, json={"items": [task["pk"]]})
    assert response.status_code == 204
    assert await eventually(admin, PENDING, lambda found: found == []) == []


async def test_another_tenants_staff_see_none_of_its_jobs(deployment: Deployment) -> None:
    await deployment.submit("tests.fail", account="other")
    await deployment.submit("tests.fail", account="default", marker="mine")
    stranger, admin = deployment.clients["stranger"], deployment.clients["admin"]
    theirs = await eventually(stranger, FAILED, failed_with("other"))
    assert [task["kwargs"] for task in theirs] == [repr({"account": "other"})]
    ours = await eventually(admin, FAILED, lambda body: len(body) >= 1)
    assert repr({"account": "other"}) not in [task["kwargs"] for task in ours]
    overview = (await stranger.get("/api/background-task/")).json()
    assert (overview["failed_tasks"], overview["pending_tasks"]) == (1, 0)


async def test_the_overview_counts_the_tenants_tasks(deployment: Deployment) -> None:
    admin = deployment.clients["admin"]
    # Jobs of the tests before (a failing one retried) settle first.
    assert await eventually(admin, PENDING, lambda found: found == []) == []
    failed = len((await admin.get(FAILED)).json())
    body = (await admin.get("/api/background-task/")).json()
    assert body == {
        "is_running": True,
        "pending_tasks": 0,
        "scheduled_tasks": 4,
        "failed_tasks": failed,
    }


async def test_the_schedules_are_listed_searched_and_ordered(deployment: Deployment) -> None:
    admin = deployment.clients["admin"]
    body = (await admin.get(f"{SCHEDULED}?ordering=-func")).json()
    assert [task["func"] for task in body] == [
        "pricing.refresh",
        "pricing.pending",
        "importer.sweep",
        "currency.refresh",
    ]
    sweep = body[2]
    assert (sweep["schedule_type"], sweep["repeats"], sweep["success"]) == ("C", -1, True)
    assert sweep["next_run"] is not None
    searched = (await admin.get(f"{SCHEDULED}?search=CURRENCY")).json()
    assert [task["func"] for task in searched] == ["currency.refresh"]


async def test_a_list_is_paged_when_a_limit_is_given(deployment: Deployment) -> None:
    body = (await deployment.clients["admin"].get(f"{SCHEDULED}?limit=1&ordering=func")).json()
    assert (body["count"], len(body["results"]), body["previous"]) == (4, 1, None)
    assert body["results"][0]["func"] == "currency.refresh"
    assert "offset=1" in body["next"]


async def test_ordering_by_an_unknown_field_is_400(deployment: Deployment) -> None:
    response = await deployment.clients["admin"].get(f"{FAILED}?ordering=result")
    assert response.status_code == 400
    assert "result" in response.json()["ordering"][0]


async def test_a_bulk_delete_without_items_is_400(deployment: Deployment) -> None:
    response = await deployment.clients["admin"].request("DELETE", FAILED, json={})
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["List of items or filters must be provided."]


async def test_a_user_who_is_not_staff_gets_403(deployment: Deployment) -> None:
    clerk = deployment.clients["clerk"]
    for path in ("/api/background-task/", PENDING, SCHEDULED, FAILED):
        response = await clerk.get(path)
        assert response.status_code == 403, path
        assert response.json()["detail"]
    response = await clerk.request("DELETE", FAILED, json={"items": ["x"]})
    assert response.status_code == 403


async def test_an_anonymous_request_gets_401(deployment: Deployment) -> None:
    response = await deployment.clients["admin"].get(
        "/api/background-task/", headers={"Authorization": ""}
    )
    assert response.status_code == 401
