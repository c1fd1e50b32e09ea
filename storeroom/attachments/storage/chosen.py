"""The storage backend a deployment chose with `attachment_storage`, open for the app's life."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from storeroom.api.stale_uploads import sweeping
from storeroom.attachments.storage.local import LocalFileStore
from storeroom.attachments.storage.s3 import S3FileStore
from storeroom.attachments.storage.store import FileStore
from storeroom.settings import Settings


def open_store(settings: Settings) -> FileStore:
    """ "local" (default: files under data_dir/attachments/) or "s3"."""
    if settings.attachment_storage == "s3":
        return S3FileStore(settings)
    if settings.attachment_storage != "local":
        raise ValueError(
            f"setting attachment_storage: unknown backend {settings.attachment_storage!r}"
        )
    return LocalFileStore(settings.data_dir / "attachments")


@asynccontextmanager
async def attachment_store(settings: Settings) -> AsyncIterator[FileStore]:
    """The store, and on local disk the sweep of uploads a killed process left half-written."""
    store = open_store(settings)
    try:
        if isinstance(store, LocalFileStore):
            async with sweeping(store.incoming_folders):
                yield store
        else:
            yield store
    finally:
        await store.close()
