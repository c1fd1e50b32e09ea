"""`FileStore`: what the attachments need of a storage backend, and the choice of backend.

Keys are relative to a tenant (`<uuid>/<name>`); each backend keeps every tenant apart (a folder
or a key prefix per tenant). A backend that cannot be reached raises `StorageUnavailable`, which the
service turns into a 503 after keeping the database as it was.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import AsyncIterator
from typing import Protocol

from storeroom.api.uploads import FileSink
from storeroom.errors import Unavailable

SAFE_ACCOUNT = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")


class StorageUnavailable(Unavailable):
    default_message = "The attachment storage is unavailable."


class MissingFile(Exception):
    """The row names a file the storage does not have."""


class FileStore(Protocol):
    async def writer(self, account: str, key: str) -> FileSink:
        """A sink that stores a new file under `key` when finished, and nothing when aborted."""
        ...

    def read(
        self, account: str, key: str, start: int = 0, end: int | None = None
    ) -> AsyncIterator[bytes]:
        """The bytes from `start` to `end` (exclusive; None: to the end), in chunks."""
        ...

    async def delete(self, account: str, key: str) -> None:
        """Remove a file; a file that is already gone is not an error."""
        ...

    async def rename(self, account: str, old: str, new: str) -> None: ...

    async def close(self) -> None: ...


def tenant_folder(account: str) -> str:
    """A tenant's folder or key prefix: its account name, or a digest of an unusual one."""
    if SAFE_ACCOUNT.match(account) and account not in {".", ".."}:
        return account
    return "t-" + hashlib.sha256(account.encode()).hexdigest()[:32]
