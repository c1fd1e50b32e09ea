"""Bodies of the parts and BOM actions (InvenTree's names, as the OpenAPI document shows them)."""

from __future__ import annotations

from typing import Annotated

import msgspec

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
