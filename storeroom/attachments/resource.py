"""The attachment `Resource`: fields, filters, search and ordering, read by the list, detail and
metadata code of the resource layer and by the OpenAPI document."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec
import sqlalchemy as sa

from storeroom.api.fields import Field, FieldError, parse_bool, parse_str
from storeroom.api.resource import Access, Filter, Resource
from storeroom.attachments.tables import attachment_table

TABLE = attachment_table
# The contract's AttachmentModelTypeEnum.
MODEL_TYPES = (
    "build",
    "company",
    "manufacturerpart",
    "purchaseorder",
    "salesorder",
    "salesordershipment",
    "returnorder",
    "part",
    "stockitem",
)
USER_SCHEMA = {
    "type": "object",
    "readOnly": True,
    "properties": {
        "pk": {"type": "integer", "readOnly": True},
        "username": {"type": "string"},
        "first_name": {"type": "string"},
        "last_name": {"type": "string"},
        "email": {"type": "string", "format": "email"},
    },
    "required": ["email", "first_name", "last_name", "pk", "username"],
}
# A stored key is `<32 hex digits>/<name>`: the URL ends in the stored name, so that a client
# saving "into a folder" (the inventree client does) gets the file's name.
KEY_NAME_START = 34


def download_url(table: sa.Table) -> sa.ColumnElement[Any]:
    key = table.c.storage_key
    url = (
        sa.literal("/api/attachment/", sa.String)
        + sa.cast(table.c.id, sa.String)
        + sa.literal("/download/", sa.String)
        + sa.func.substr(key, KEY_NAME_START)
    )
    return sa.case((key.is_(None), sa.null()), else_=url)


class JsonRead(sa.types.TypeDecorator[Any]):
    """JSON as the list reads it: SQLite hands JSON columns back as text, and msgspec decodes
    them ~8x faster than SQLAlchemy's json.loads (bench/attachments.py: on a page of 25, the
    decoding of user_detail and tags cost more than the rest of the row conversion)."""

    impl = sa.JSON
    cache_ok = True

    def result_processor(self, dialect: sa.Dialect, coltype: object) -> Any:
        if dialect.name == "sqlite":
            return msgspec.json.decode
        return super().result_processor(dialect, coltype)


def json_read(name: str) -> Any:
    def expression(table: sa.Table) -> sa.ColumnElement[Any]:
        return sa.type_coerce(table.c[name], JsonRead())

    return expression


def today() -> Any:
    return datetime.now(UTC).date()


def _flag(name: str, when_true: Any, when_false: Any) -> Filter:
    return Filter(name, parse_bool, lambda value: when_true if value else when_false)


def _parse_tag(raw: Any) -> str:
    tag = parse_str(raw).strip()
    if not tag or '"' in tag or "\\" in tag:
        raise FieldError("Enter a tag name.")
    return tag


def _has_tag(value: Any) -> sa.ColumnElement[bool]:
    # Tags are a JSON array of strings; its text holds each tag quoted, on both databases.
    quoted = sa.literal('"', sa.String) + sa.cast(value, sa.String) + sa.literal('"', sa.String)
    return sa.cast(TABLE.c.tags, sa.Text).contains(quoted, autoescape=False)


LINK = TABLE.c.link
KEY = TABLE.c.storage_key
FILTERS: tuple[str | Filter, ...] = (
    _flag("is_file", KEY.is_not(None), KEY.is_(None)),
    _flag("is_link", sa.and_(LINK.is_not(None), LINK != ""), sa.or_(LINK.is_(None), LINK == "")),
    "model_type",
    "model_id",
    "upload_user",
    Filter("tags", _parse_tag, _has_tag),
)

ATTACHMENT = Resource(
    table=TABLE,
    model_type="attachment",
    path="/api/attachment/",
    # Each attachment is allowed by its target's ruleset (access.py); the routes only need a user.
    access=Access(),
    inventree_bulk_delete=True,
    fields=(
        Field("pk", "int", read_only=True, column="id"),
        Field(
            "attachment",
            "str",
            # Written as a multipart file (routes.py), read as the download URL.
            nullable=True,
            expression=download_url,
            stored=False,
            extra={"openapi": {"type": "string", "format": "uri", "nullable": True}},
        ),
        Field("filename", "str", max_length=255),
        Field(
            "link",
            "str",
            nullable=True,
            max_length=200,
            help_text="Link to external URL",
            extra={"openapi": {"type": "string", "format": "uri"}},
        ),
        Field("comment", "str", max_length=250, default="", help_text="Attachment comment"),
        Field("upload_date", "date", read_only=True, default=today),
        Field("upload_user", "int", read_only=True, nullable=True, label="User", help_text="User"),
        Field(
            "user_detail",
            "json",
            read_only=True,
            expression=json_read("user_detail"),
            extra={"openapi": USER_SCHEMA},
        ),
        Field("file_size", "int", read_only=True, help_text="File size in bytes"),
        Field("model_type", "str", required=True, choices=MODEL_TYPES),
        Field("model_id", "int", required=True),
        Field("tags", "tags", default=list, expression=json_read("tags")),
    ),
    filters=FILTERS,
    ordering=("filename", "comment", "upload_date", "file_size"),
    default_ordering=("pk",),
    search=("filename", "comment", "link"),
    app_label="common",
    verbose_name="Attachment",
)
