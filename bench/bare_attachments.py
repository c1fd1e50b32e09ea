"""The bare baseline for the attachment list: `bare_app.py` with one more endpoint.

`GET /api/attachment/?limit=&offset=` authenticates the token as bare_app does (one SELECT on the
platform database), reads one page of the tenant's attachments (one SELECT) and counts them (one
SELECT count(*), kept for COUNT_CACHE_SECONDS as storeroom keeps it), then encodes the DRF page
with msgspec. The SQL text is storeroom's compiled SQL (bench/attachments.py checks it), and the
bytes out are storeroom's (checked too). The admin is a superuser, so storeroom's permission check
costs no SQL; this app skips it likewise.

Run by bench/attachments.py as `uvicorn bare_attachments:app`; configured as bare_app.py is.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qsl, urlencode

import bare_app
import msgspec

# storeroom's attachment `Resource` compiled (attachments/resource.py): the download URL is built
# in SQL from the id and the stored name (which starts at character 34 of the storage key).
COLUMNS = (
    "{schema}attachment.id, CASE WHEN ({schema}attachment.storage_key IS NULL) THEN NULL ELSE "
    "{url} || CAST({schema}attachment.id AS VARCHAR) || {download} || "
    "substr({schema}attachment.storage_key, {start}) END AS attachment, "
    "{schema}attachment.filename, {schema}attachment.link, {schema}attachment.comment, "
    "{schema}attachment.upload_date, {schema}attachment.upload_user, "
    "{schema}attachment.user_detail AS user_detail, {schema}attachment.file_size, "
    "{schema}attachment.model_type, {schema}attachment.model_id, "
    "{schema}attachment.tags AS tags \n"
)
PAGE_SQL = {
    "sqlite": "SELECT "
    + COLUMNS.format(schema="{schema}", url="?", download="?", start="?")
    + "FROM {schema}attachment ORDER BY {schema}attachment.id ASC\n LIMIT ? OFFSET ?",
    "postgres": "SELECT "
    + COLUMNS.format(
        schema="{schema}", url="$1::VARCHAR", download="$2::VARCHAR", start="$3::INTEGER"
    )
    + "FROM {schema}attachment ORDER BY {schema}attachment.id ASC \n LIMIT $4 OFFSET $5",
}
COUNT_SQL = "SELECT count(*) AS count_1 \nFROM {schema}attachment"
URL_PARTS = ("/api/attachment/", "/download/", 34)


def statements(database_url: str) -> dict[str, str]:
    """The page and count SQL for the default tenant (a schema on PostgreSQL, a file on SQLite)."""
    schema = '"acct' + bare_app.ACCOUNT + '".' if database_url else ""
    kind = "postgres" if database_url else "sqlite"
    return {
        "page": PAGE_SQL[kind].format(schema=schema),
        "count": COUNT_SQL.format(schema=schema),
    }


def as_json(value: Any) -> Any:
    """SQLite hands back JSON columns as text; asyncpg too, unless a codec says otherwise."""
    return msgspec.json.decode(value) if isinstance(value, str | bytes) else value


class BareAttachmentApp(bare_app.BareApp):
    def __init__(self) -> None:
        super().__init__()
        chosen = statements(self.database.url)
        self.page_sql, self.count_sql = chosen["page"], chosen["count"]
        self.attachments_counted: tuple[float, int] = (0.0, 0)

    async def respond(self, scope: bare_app.Scope) -> bytes:
        if scope["path"] != "/api/attachment/":
            return await super().respond(scope)
        headers = dict(scope["headers"])
        if await self.authenticate(headers) is None:
            raise bare_app.HttpError(401, "Authentication credentials were not provided.")
        return msgspec.json.encode(await self.attachment_page(scope, headers))

    async def attachment_count(self) -> int:
        expires, count = self.attachments_counted
        if expires >= time.monotonic():
            return count
        rows = await self.database.fetch(False, self.count_sql)
        count = int(rows[0][0])
        self.attachments_counted = (time.monotonic() + bare_app.COUNT_CACHE_SECONDS, count)
        return count

    async def attachment_page(self, scope: bare_app.Scope, headers: dict[bytes, bytes]) -> Any:
        params = dict(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True))
        limit, offset = int(params.get("limit") or 0), int(params.get("offset") or 0)
        rows = await self.database.fetch(False, self.page_sql, *URL_PARTS, limit, offset)
        count = await self.attachment_count()
        host = headers.get(b"host", b"").decode("latin-1")
        base = f"{scope['scheme']}://{host}{scope['path']}?"

        def link(page_offset: int | None) -> str:
            linked = {**params, "limit": str(limit), "offset": str(page_offset)}
            if page_offset is None:
                del linked["offset"]
            return base + urlencode(linked)

        previous = None if offset <= 0 else link(max(0, offset - limit) or None)
        return {
            "count": count,
            "next": link(offset + limit) if offset + limit < count else None,
            "previous": previous,
            "results": [
                {
                    "pk": row[0],
                    "attachment": row[1],
                    "filename": row[2],
                    "link": row[3],
                    "comment": row[4],
                    "upload_date": row[5],
                    "upload_user": row[6],
                    "user_detail": as_json(row[7]),
                    "file_size": row[8],
                    "model_type": row[9],
                    "model_id": row[10],
                    "tags": as_json(row[11]),
                }
                for row in rows
            ],
        }


app = BareAttachmentApp()
