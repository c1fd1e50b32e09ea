"""Attachments in an S3-compatible bucket: `<s3_prefix><tenant>/<key>`.

Files up to one part (8 MiB) are sent with one PUT; larger ones as a multipart upload, one part
in memory at a time, so memory stays flat whatever the size. An aborted upload is aborted on the
server too; if the bucket cannot be reached just then (it went away mid-upload), the abort is kept
and done after the next upload that succeeds, so that no partial upload outlives the outage (a
bucket lifecycle rule for incomplete multipart uploads covers a process that ends first). Every
failure to reach the bucket is `StorageUnavailable` (503).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import aiohttp
import anyio
from aiobotocore.config import AioConfig
from aiobotocore.session import get_session
from botocore.exceptions import BotoCoreError, ClientError

from storeroom.api.uploads import FileSink
from storeroom.attachments.storage.store import MissingFile, StorageUnavailable, tenant_folder
from storeroom.settings import Settings

PART_SIZE = 8 * 1024 * 1024
READ_CHUNK = 1024 * 1024
STORAGE_ERRORS = (BotoCoreError, ClientError, OSError)
GONE = {"NoSuchUpload", "NoSuchKey", "NoSuchBucket", "404", "NotFound"}
log = logging.getLogger("storeroom.attachments")


def unavailable(error: Exception) -> StorageUnavailable:
    return StorageUnavailable(f"The attachment storage is unavailable: {error}")


def is_missing(error: ClientError) -> bool:
    return error.response.get("Error", {}).get("Code") in {"NoSuchKey", "404", "NotFound"}


class Leftovers:
    """What aborts could not remove while the bucket was away: (bucket, key, upload id) of a
    multipart upload to abort, or (bucket, key, None) of a finished object to delete."""

    def __init__(self) -> None:
        self._items: set[tuple[str, str, str | None]] = set()

    def keep(self, bucket: str, key: str, upload_id: str | None) -> None:
        log.warning(
            "S3 unreachable: %s (upload %s) will be removed once it answers", key, upload_id
        )
        self._items.add((bucket, key, upload_id))

    async def remove(self, client: Any) -> None:
        """Remove what is kept; what still cannot be reached stays for the next time."""
        for item in list(self._items):
            bucket, key, upload_id = item
            try:
                if upload_id is None:
                    await client.delete_object(Bucket=bucket, Key=key)
                else:
                    await client.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
            except ClientError as error:
                # The bucket answered: the item is gone, or refused for good (say so, once).
                if error.response.get("Error", {}).get("Code") not in GONE:
                    log.warning("could not remove %s from S3: %s", key, error)
            except STORAGE_ERRORS:
                return  # still unreachable
            self._items.discard(item)


class S3FileStore:
    def __init__(self, settings: Settings) -> None:
        self.bucket = settings.s3_bucket
        self.prefix = settings.s3_prefix
        self._options: dict[str, Any] = {
            "region_name": settings.s3_region or None,
            "endpoint_url": settings.s3_endpoint_url or None,
            "aws_access_key_id": settings.s3_access_key or None,
            "aws_secret_access_key": settings.s3_secret_key or None,
            # A bucket that cannot be reached answers 503 soon, not after minutes of retries.
            "config": AioConfig(
                connect_timeout=5, read_timeout=60, retries={"max_attempts": 2, "mode": "standard"}
            ),
        }
        self._stack = AsyncExitStack()
        self._client: Any = None
        self._lock = anyio.Lock()
        self.leftovers = Leftovers()

    async def client(self) -> Any:
        """One client for the app's life, made on first use (it needs the running loop)."""
        if self._client is None:
            async with self._lock:
                if self._client is None:
                    session = get_session()
                    self._client = await self._stack.enter_async_context(
                        session.create_client("s3", **self._options)
                    )
        return self._client

    def object_key(self, account: str, key: str) -> str:
        return f"{self.prefix}{tenant_folder(account)}/{key}"

    async def writer(self, account: str, key: str) -> FileSink:
        return S3Writer(
            await self.client(), self.bucket, self.object_key(account, key), self.leftovers
        )

    async def read(
        self, account: str, key: str, start: int = 0, end: int | None = None
    ) -> AsyncIterator[bytes]:
        client = await self.client()
        options: dict[str, Any] = {"Bucket": self.bucket, "Key": self.object_key(account, key)}
        if start or end is not None:
            options["Range"] = f"bytes={start}-{'' if end is None else end - 1}"
        try:
            answer = await client.get_object(**options)
        except ClientError as error:
            if is_missing(error):
                raise MissingFile(key) from None
            raise unavailable(error) from None
        except STORAGE_ERRORS as error:
            raise unavailable(error) from None
        body = answer["Body"]
        try:
            async for chunk in body.iter_chunks(READ_CHUNK):
                yield chunk
        except (*STORAGE_ERRORS, aiohttp.ClientError, TimeoutError) as error:
            # Mid-stream, after the response began: the download can only be broken off. The
            # reason is the storage's, not a fault of ours.
            log.warning("S3 went away in the middle of reading %s: %s", options["Key"], error)
            raise unavailable(error) from None
        finally:
            body.close()

    async def delete(self, account: str, key: str) -> None:
        client = await self.client()
        try:
            await client.delete_object(Bucket=self.bucket, Key=self.object_key(account, key))
        except STORAGE_ERRORS as error:
            raise unavailable(error) from None

    async def rename(self, account: str, old: str, new: str) -> None:
        client = await self.client()
        source = self.object_key(account, old)
        try:
            await client.copy_object(
                Bucket=self.bucket,
                Key=self.object_key(account, new),
                CopySource={"Bucket": self.bucket, "Key": source},
            )
            await client.delete_object(Bucket=self.bucket, Key=source)
        except ClientError as error:
            if is_missing(error):
                raise MissingFile(old) from None
            raise unavailable(error) from None
        except STORAGE_ERRORS as error:
            raise unavailable(error) from None

    async def close(self) -> None:
        if self._client is not None:
            await self.leftovers.remove(self._client)
        await self._stack.aclose()
        self._client = None


class S3Writer:
    def __init__(self, client: Any, bucket: str, key: str, leftovers: Leftovers) -> None:
        self._client = client
        self._bucket = bucket
        self._key = key
        self._leftovers = leftovers
        self._pending = bytearray()
        self._size = 0
        self._upload_id: str | None = None
        self._parts: list[dict[str, Any]] = []
        self._finished = False

    async def write(self, chunk: bytes) -> None:
        self._pending += chunk
        self._size += len(chunk)
        if len(self._pending) >= PART_SIZE:
            await self._send_part()

    async def _send_part(self) -> None:
        part, self._pending = bytes(self._pending), bytearray()
        target = {"Bucket": self._bucket, "Key": self._key}
        try:
            if self._upload_id is None:
                started = await self._client.create_multipart_upload(**target)
                self._upload_id = started["UploadId"]
            number = len(self._parts) + 1
            sent = await self._client.upload_part(
                **target, UploadId=self._upload_id, PartNumber=number, Body=part
            )
        except STORAGE_ERRORS as error:
            raise unavailable(error) from None
        self._parts.append({"ETag": sent["ETag"], "PartNumber": number})

    async def finish(self) -> int:
        target = {"Bucket": self._bucket, "Key": self._key}
        try:
            if self._upload_id is None:
                await self._client.put_object(**target, Body=bytes(self._pending))
            else:
                if self._pending:
                    await self._send_part()
                await self._client.complete_multipart_upload(
                    **target, UploadId=self._upload_id, MultipartUpload={"Parts": self._parts}
                )
        except STORAGE_ERRORS as error:
            raise unavailable(error) from None
        self._pending = bytearray()
        self._finished = True
        # The bucket answers: a good moment to remove what an outage left behind.
        await self._leftovers.remove(self._client)
        return self._size

    async def abort(self) -> None:
        """Never raises for an unreachable bucket: the caller's own error stands, and what
        could not be removed is kept for later."""
        self._pending = bytearray()
        target = {"Bucket": self._bucket, "Key": self._key}
        if not self._finished and self._upload_id is None:
            return
        upload_id = None if self._finished else self._upload_id
        try:
            if upload_id is None:
                await self._client.delete_object(**target)
            else:
                await self._client.abort_multipart_upload(**target, UploadId=upload_id)
        except STORAGE_ERRORS:
            self._leftovers.keep(self._bucket, self._key, upload_id)
