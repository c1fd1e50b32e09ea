"""A delete cut short after some files went (a process killed mid-way) leaves no row whose file
is gone: the rows are deleted and committed before any file is removed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from litestar import Litestar

from storeroom.attachments.storage.store import FileStore
from tests.attachments.conftest import store_of
from tests.attachments.factories import URL, make_target, uploaded
from tests.conftest import Client


class Killed(Exception):
    """Stands for the process dying: nothing after it runs."""


class DyingStore:
    """The app's real store, but the process 'dies' when asked to remove its second file."""

    def __init__(self, store: FileStore) -> None:
        self.store = store
        self.deletes = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    async def delete(self, account: str, key: str) -> None:
        self.deletes += 1
        if self.deletes == 2:
            raise Killed(key)
        await self.store.delete(account, key)


@pytest.fixture
def dying(app: Litestar) -> Iterator[DyingStore]:
    real = store_of(app)
    dying = DyingStore(real)
    app.started.provide(FileStore, dying)  # type: ignore[attr-defined, type-abstract]
    yield dying
    app.started.provide(FileStore, real)  # type: ignore[attr-defined, type-abstract]


async def rows_without_their_file(client: Client) -> list[int]:
    missing = []
    for item in (await client.get(URL)).json():
        if (await client.get(item["attachment"])).status_code != 200:
            missing.append(item["pk"])
    return missing


async def test_a_bulk_delete_killed_mid_way_leaves_no_row_without_its_file(
    client: Client, dying: DyingStore
) -> None:
    part = await make_target(client)
    created = [await uploaded(client, part) for _ in range(4)]
    await client.request("DELETE", URL, json={"items": [item["pk"] for item in created]})
    assert dying.deletes == 2
    assert await rows_without_their_file(client) == []


async def test_a_delete_killed_before_its_file_went_leaves_no_row(
    client: Client, dying: DyingStore
) -> None:
    part = await make_target(client)
    first, second = await uploaded(client, part), await uploaded(client, part)
    assert (await client.delete(f"{URL}{first['pk']}/")).status_code == 204
    await client.delete(f"{URL}{second['pk']}/")
    assert dying.deletes == 2
    assert await rows_without_their_file(client) == []
    assert (await client.get(f"{URL}{second['pk']}/")).status_code == 404
