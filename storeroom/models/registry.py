"""Every model type, in content-type order: a model's position is its content type's pk, so
new models are appended, never inserted."""

from __future__ import annotations

from storeroom.api.resource import Resource
from storeroom.models import part, stock

MODELS: tuple[Resource, ...] = (
    *part.RESOURCES,
    *stock.RESOURCES,
)
BY_MODEL_TYPE = {resource.model_type: resource for resource in MODELS}
