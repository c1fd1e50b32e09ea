"""`/api/contenttype/`, `/api/contenttype/{id}/`, `/api/contenttype/model/{model}/`."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get

from storeroom.api.dialects import dialect_of
from storeroom.api.envelopes import page_body, paging_of
from storeroom.api.resource import Resource
from storeroom.api.routes import render
from storeroom.errors import NotFound
from storeroom.models.registry import MODELS

AnyRequest = Request[Any, Any, Any]


def describe(pk: int, resource: Resource) -> dict[str, Any]:
    return {
        "pk": pk,
        "app_label": resource.app_label,
        "model": resource.model_type,
        "app_labeled_name": f"{resource.app_label} | {resource.verbose_name}",
        "is_plugin": False,
    }


CONTENT_TYPES = [describe(index, resource) for index, resource in enumerate(MODELS, start=1)]


@get("/contenttype/", name="contenttype-list", operation_id="contenttype_list")
async def list_content_types(request: AnyRequest) -> Response[bytes]:
    dialect = dialect_of(request.scope)
    paging = paging_of(dialect, request.query_params)
    if paging.limit is None:
        return render(request, CONTENT_TYPES)
    page = CONTENT_TYPES[paging.offset : paging.offset + paging.limit]
    return render(
        request, page_body(dialect, request, "content_types", page, len(CONTENT_TYPES), paging)
    )


@get("/contenttype/{id:int}/", name="contenttype-detail", operation_id="contenttype_retrieve")
async def read_content_type(request: AnyRequest) -> Response[bytes]:
    pk = request.path_params["id"]
    if not 1 <= pk <= len(CONTENT_TYPES):
        raise NotFound()
    return render(request, CONTENT_TYPES[pk - 1])


@get(
    "/contenttype/model/{model:str}/",
    name="contenttype-model",
    operation_id="contenttype_model_retrieve",
)
async def read_content_type_by_model(request: AnyRequest) -> Response[bytes]:
    wanted = request.path_params["model"]
    for entry in CONTENT_TYPES:
        if entry["model"] == wanted:
            return render(request, entry)
    raise NotFound()


routes = [list_content_types, read_content_type, read_content_type_by_model]
