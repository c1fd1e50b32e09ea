"""Bodies of the parts and BOM actions (InvenTree's names, as the OpenAPI document shows them)."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from storeroom.api.action_bodies import PrimaryKey
from storeroom.api.openapi_structs import Moment

ReadOnly = msgspec.Meta(extra_json_schema={"readOnly": True})


class BomItemValidation(msgspec.Struct):
    """Simple serializer for passing a single boolean field."""

    valid: bool = False


class BOMValidateIn(msgspec.Struct):
    """Validate entire Bill of Materials."""

    valid: bool = False


class BOMValidate(msgspec.Struct):
    """Simple serializer class for validating a single BomItem instance."""

    checksum: Annotated[str, ReadOnly]


class PartCopyBOM(msgspec.Struct):
    """Copy the BOM of another part into this one."""

    part: int
    remove_existing: bool = True
    include_inherited: bool = False
    skip_invalid: bool = False
    copy_substitutes: bool = True


Price = Annotated[
    str | None, msgspec.Meta(extra_json_schema={"format": "decimal", "readOnly": True})
]
Override = Annotated[str | None, msgspec.Meta(extra_json_schema={"format": "decimal"})]
Currency = Literal["AUD", "CNY", "EUR", "USD"]


class PartPricing(msgspec.Struct):
    """Serializer for Part pricing information."""

    currency: Annotated[str | None, ReadOnly]
    updated: Annotated[Moment | None, ReadOnly]
    scheduled_for_update: Annotated[bool, ReadOnly]
    bom_cost_min: Price
    bom_cost_max: Price
    purchase_cost_min: Price
    purchase_cost_max: Price
    internal_cost_min: Price
    internal_cost_max: Price
    supplier_price_min: Price
    supplier_price_max: Price
    variant_cost_min: Price
    variant_cost_max: Price
    overall_min: Price
    overall_max: Price
    sale_price_min: Price
    sale_price_max: Price
    sale_history_min: Price
    sale_history_max: Price
    override_min: Override = None
    override_min_currency: Currency = "USD"
    override_max: Override = None
    override_max_currency: Currency = "USD"


class PartPricingIn(msgspec.Struct):
    """Overrides of a part's pricing; `update` recalculates it."""

    override_min: Override = None
    override_min_currency: Currency = "USD"
    override_max: Override = None
    override_max_currency: Currency = "USD"
    update: Annotated[bool | None, msgspec.Meta(extra_json_schema={"writeOnly": True})] = False


class PartSetCategory(msgspec.Struct):
    """Serializer for changing PartCategory for multiple Part objects."""

    parts: list[int]
    category: int


class PartRequirements(msgspec.Struct):
    """What a part's stock must cover."""

    total_stock: float
    unallocated_stock: float
    can_build: int
    ordering: float
    building: float
    scheduled_to_build: float
    required_for_build_orders: float
    allocated_to_build_orders: float
    required_for_sales_orders: float
    allocated_to_sales_orders: float


class PartSerialNumbers(msgspec.Struct, omit_defaults=True):
    """The part's latest serial number and the next one."""

    latest: str | None
    next: str | None = None


class DuplicatePart(msgspec.Struct):
    """Serializer for specifying options when duplicating a Part."""

    part: int
    copy_image: bool = False
    copy_bom: bool = False
    copy_parameters: bool = False
    copy_notes: bool = True
    copy_tests: bool = False


class InitialStock(msgspec.Struct):
    """Serializer for creating initial stock quantity."""

    quantity: float
    location: int | None = None


class InitialSupplier(msgspec.Struct):
    """Serializer for adding initial supplier / manufacturer information."""

    supplier: int | None = None
    sku: str = ""
    manufacturer: int | None = None
    mpn: str = ""


class PartScheduling(msgspec.Struct):
    """Serializer class for a PartScheduling entry (the answer is a list of them)."""

    date: Annotated[str | None, msgspec.Meta(extra_json_schema={"format": "date"})]
    quantity: float
    title: str
    label: str
    model: str
    model_id: int
    speculative_quantity: float = 0.0


class PartThumb(msgspec.Struct):
    """Serializer for the 'image' field of the Part model.

    Used to serve and display existing Part images."""

    image: Annotated[str, msgspec.Meta(extra_json_schema={"format": "uri", "readOnly": True})]
    count: int


class PartThumbSerializerUpdate(msgspec.Struct):
    """Serializer for updating Part thumbnail."""

    image: Annotated[str, msgspec.Meta(extra_json_schema={"format": "uri"})]


class PartThumbImage(msgspec.Struct):
    """A part's image, as `/api/part/thumbs/{id}/` answers it."""

    # Null for a part without an image (as InvenTree answers; its schema says a string).
    image: Annotated[str | None, msgspec.Meta(extra_json_schema={"format": "uri"})]


class PartStocktakeReportGenerate(msgspec.Struct, kw_only=True):
    """Serializer class for manually generating a new PartStocktakeReport via the API."""

    part: PrimaryKey | None = None
    category: PrimaryKey | None = None
    location: PrimaryKey | None = None
    exclude_external: bool = True
    generate_report: bool = True
    update_parts: bool = True
