"""`/api/contenttype/`, `/api/contenttype/{id}/`, `/api/contenttype/model/{model}/`."""

from __future__ import annotations

from typing import Any

from litestar import Response, get

from storeroom.api.context import Context
from storeroom.api.openapi_structs import OperationSchema
from storeroom.api.resource import Resource
from storeroom.contenttypes.schemas import ContentType
from storeroom.errors import Invalid, NotFound
from storeroom.models.registry import MODELS


def describe(pk: int, resource: Resource) -> dict[str, Any]:
    return {
        "pk": pk,
        "app_label": resource.app_label,
        "model": resource.model_type,
        "app_labeled_name": f"{resource.app_label} | {resource.verbose_name}",
        "is_plugin": False,
    }


ORDERING = ("pk", "app_label", "model")
CONTENT_TYPES = [describe(index, resource) for index, resource in enumerate(MODELS, start=1)]


@get(
    "/contenttype/",
    name="contenttype-list",
    operation_id="contenttype_list",
    opt={
        "schema": OperationSchema(
            response=list[ContentType],
            paginated=True,
            query={"ordering": str | None, "search": str | None},
        )
    },
)
async def list_content_types(context: Context) -> Response[bytes]:
    params = context.query
    found = chosen_content_types(params.get("search", ""), params.get("ordering", ""))
    return context.render_list(found, "content_types")


def chosen_content_types(search: str, ordering: str) -> list[dict[str, Any]]:
    """The content types matching `search` (model or app label), in `ordering`'s order."""
    term = search.strip().lower()
    found = [
        entry
        for entry in CONTENT_TYPES
        if term in entry["model"]
        or term in entry["app_label"]
        or term in entry["app_labeled_name"].lower()
    ]
    key = ordering.removeprefix("-")
    if key:
        if key not in ORDERING:
            raise Invalid.field(
                "ordering", f"Cannot order by '{key}'. Choose from: {', '.join(ORDERING)}."
            )
        found.sort(key=lambda entry: entry[key], reverse=ordering.startswith("-"))
    return found


@get(
    "/contenttype/{id:int}/",
    name="contenttype-detail",
    operation_id="contenttype_retrieve",
    opt={"schema": OperationSchema(response=ContentType)},
)
async def read_content_type(context: Context) -> Response[bytes]:
    pk = context.path_param("id")
    if not 1 <= pk <= len(CONTENT_TYPES):
        raise NotFound()
    return context.render(CONTENT_TYPES[pk - 1])


@get(
    "/contenttype/model/{model:str}/",
    name="contenttype-model",
    operation_id="contenttype_retrieve_model",
    opt={"schema": OperationSchema(response=ContentType)},
)
async def read_content_type_by_model(context: Context) -> Response[bytes]:
    model = context.path_param("model")
    for entry in CONTENT_TYPES:
        if entry["model"] == model:
            return context.render(entry)
    raise NotFound()


routes = [list_content_types, read_content_type, read_content_type_by_model]
