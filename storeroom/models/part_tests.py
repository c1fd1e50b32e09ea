"""Test templates of testable parts (`/api/part/test-template/`): the tests whose results are
recorded against stock items, each with a `key` derived from its name."""

from __future__ import annotations

from typing import Any

from storeroom.api.fields import Field
from storeroom.models.declare import model
from storeroom.models.expressions import count_of
from storeroom.models.filters import condition

results_of = count_of("stockitemtestresult", "template")


def test_key(test_name: str) -> str:
    """InvenTree's `generateTestKey`: the name lower-cased, without spaces or characters that
    cannot appear in an identifier, and prefixed with `_` when it would not start one."""
    key = "".join(
        character
        for character in test_name.strip().lower().replace(" ", "")
        if character.isprintable() and (character.isidentifier() or character.isalnum())
    )
    return f"_{key}" if key and not key[0].isidentifier() else key


async def derive_key(connection: Any, values: dict[str, Any]) -> None:
    if "test_name" in values:
        values["key"] = test_key(values["test_name"])


PART_TEST_TEMPLATE = model(
    "parttesttemplate",
    "/api/part/test-template/",
    app_label="part",
    verbose_name="Part Test Template",
    ruleset="part",
    fields=(
        Field("key", "str", read_only=True, max_length=100),
        # A part's test templates go with it (InvenTree's CASCADE).
        Field("part", "fk", required=True, relation="part", on_delete="cascade"),
        Field("test_name", "str", required=True, max_length=100),
        Field("description", "str", nullable=True, max_length=100),
        Field("enabled", "bool", default=True),
        Field("required", "bool", default=True),
        Field("requires_value", "bool", default=False),
        Field("requires_attachment", "bool", default=False),
        Field(
            "results",
            "int",
            read_only=True,
            stored=False,
            expression=results_of,
        ),
        Field("choices", "str", max_length=5000, default=""),
    ),
    # Two tests of one part may not share a key: results are looked up by it.
    unique=(("part", "key"),),
    filters=(
        "part",
        "key",
        "enabled",
        "required",
        "requires_value",
        "requires_attachment",
        condition("has_results", "parttesttemplate", lambda own: results_of(own) > 0),
    ),
    ordering=(
        "test_name",
        "required",
        "requires_value",
        "requires_attachment",
        "enabled",
        "results",
    ),
    search=("test_name", "description"),
    before_write=derive_key,
)

RESOURCES = (PART_TEST_TEMPLATE,)
