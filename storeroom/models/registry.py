"""Every model type, in content-type order: a model's position is its content type's pk, so
new models are appended, never inserted."""

from __future__ import annotations

from storeroom.api.resource import Resource
from storeroom.models import (
    bom,
    build,
    build_line,
    company,
    custom_state,
    manufacturer,
    order_purchase,
    order_return,
    order_sales,
    part,
    part_parameters,
    part_pricing,
    part_related,
    part_stocktake,
    part_tests,
    project,
    stock,
    stock_history,
    stock_location_type,
    supplier,
    units,
)

MODELS: tuple[Resource, ...] = (
    *part.RESOURCES,
    *stock.RESOURCES,
    *part_tests.RESOURCES,
    *part_pricing.RESOURCES,
    *part_parameters.RESOURCES,
    *bom.RESOURCES,
    *company.RESOURCES,
    *manufacturer.RESOURCES,
    *supplier.RESOURCES,
    *stock_history.RESOURCES,
    *build.RESOURCES,
    *order_purchase.RESOURCES,
    *order_sales.RESOURCES,
    *order_return.RESOURCES,
    *project.RESOURCES,
    *units.RESOURCES,
    # Custom states name a model by its content type, a position in this tuple.
    *custom_state.resources(lambda: MODELS),
    order_sales.SALES_ORDER_ALLOCATION,
    *build_line.RESOURCES,
    *bom.LATER_RESOURCES,
    *part_related.RESOURCES,
    *part_pricing.LATER_RESOURCES,
    *stock_location_type.RESOURCES,
    *part_stocktake.RESOURCES,
)
BY_MODEL_TYPE = {resource.model_type: resource for resource in MODELS}
