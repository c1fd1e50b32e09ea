"""Validating rows exactly as the model's create endpoint does, a chunk at a time.

Types, limits, choices and required fields go through the create endpoint's own conversion
(`api.validation.convert_body`); relations are resolved by pk or natural key with one query per
chunk and field (`lookup.py`); unique sets are checked against the table with one query per chunk
and against the rest of the file with a set of the values seen so far.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.resource import Resource
from storeroom.importer.conversion import Converter
from storeroom.importer.lookup import RelationLookup, lookups_for
from storeroom.importer.uniqueness import existing_keys

Errors = dict[str, list[str]]
# Opens a transaction for the checks' queries.
Reader = Callable[[], AbstractAsyncContextManager[AsyncConnection]]


@dataclass
class Plan:
    """What validating a session's rows needs: the model, the mapping and the client's values."""

    resource: Resource
    mapping: dict[str, str]
    defaults: dict[str, Any]
    overrides: dict[str, Any]
    filters: dict[str, dict[str, Any]]
    lookups: dict[str, RelationLookup] = field(default_factory=dict)
    converter: Converter = field(init=False)
    # Unique sets already seen in the file: (group index, values) -> row index.
    seen: dict[tuple[int, int], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lookups = lookups_for(self.resource, self.filters)
        self.converter = Converter(self.resource, creating=False)


@dataclass
class Checked:
    data: dict[str, Any]
    errors: Errors

    @property
    def valid(self) -> bool:
        return not self.errors


def body_of(plan: Plan, cells: dict[str, str]) -> dict[str, Any]:
    """A row's field values: mapped cells, this row's defaults in its own empty cells, overrides.
    An empty cell without a default is left out, so the model's default applies."""
    body: dict[str, Any] = {}
    for name, column in plan.mapping.items():
        value = cells.get(column, "")
        if value == "" or value is None:
            if name in plan.defaults:
                body[name] = plan.defaults[name]
            continue
        body[name] = value
    for name, value in plan.defaults.items():
        body.setdefault(name, value)
    body.update(plan.overrides)
    return body


async def check_rows(
    read: Reader, plan: Plan, bodies: list[tuple[int, dict[str, Any]]]
) -> list[Checked]:
    """Each (row index, body) of a chunk, converted and validated. The queries run in short
    transactions of `read`, so a chunk's conversion holds no database lock (`ingest.py` writes
    the chunk before while this one converts)."""
    async with read() as connection:
        relation_errors = await _resolve_relations(connection, plan, [body for _, body in bodies])
    checked: list[Checked] = []
    converted: list[dict[str, Any]] = []
    convert_row = plan.converter.convert_row
    for (_, body), bad in zip(bodies, relation_errors, strict=True):
        values, data, errors = convert_row(body)
        if bad:
            for name, message in bad.items():
                errors[name] = [message]
        checked.append(Checked(data, errors))
        converted.append(values)
    await _check_unique(read, plan, bodies, converted, checked)
    return checked


async def _resolve_relations(
    connection: AsyncConnection, plan: Plan, bodies: list[dict[str, Any]]
) -> list[dict[str, str] | None]:
    """Replace each relation's raw value by its pk in the bodies; answer the errors per row."""
    problems: list[dict[str, str] | None] = [None] * len(bodies)
    present = set().union(*bodies)
    for name, lookup in plan.lookups.items():
        if name not in present:
            continue
        raws = {str(body[name]).strip() for body in bodies if body.get(name) not in (None, "")}
        if not raws:
            continue
        found = await lookup.resolve(connection, raws)
        for position, body in enumerate(bodies):
            raw = body.get(name)
            if raw in (None, ""):
                continue
            answer = found[str(raw).strip()]
            if isinstance(answer, int):
                body[name] = answer
            else:
                problems[position] = {**(problems[position] or {}), name: answer}
                # Kept out of conversion: its message is the lookup's.
                body[name] = None
    return problems


async def _check_unique(
    read: Reader,
    plan: Plan,
    bodies: list[tuple[int, dict[str, Any]]],
    converted: list[dict[str, Any]],
    checked: list[Checked],
) -> None:
    resource = plan.resource
    label = resource.verbose_name or resource.model_type
    for number, group in enumerate(resource.unique):
        columns = [resource.field(name).column_name for name in group]
        keyed: dict[tuple[Any, ...], list[int]] = {}
        for position, values in enumerate(converted):
            key = tuple([values.get(column) for column in columns])
            if None not in key and not checked[position].errors:
                keyed.setdefault(key, []).append(position)
        if not keyed:
            continue
        message = (
            f"{label} with this {group[0]} already exists."
            if len(group) == 1
            else f"The fields {', '.join(group)} must make a unique set."
        )
        async with read() as connection:
            existing = await existing_keys(connection, resource.table, columns, list(keyed))
        _mark_repeated(plan, number, group, message, bodies, keyed, existing, checked)


def _mark_repeated(
    plan: Plan,
    number: int,
    group: tuple[str, ...],
    message: str,
    bodies: list[tuple[int, dict[str, Any]]],
    keyed: dict[tuple[Any, ...], list[int]],
    existing: set[tuple[Any, ...]],
    checked: list[Checked],
) -> None:
    """Errors on the rows whose key the table holds, or an earlier row of the file had."""
    seen = plan.seen
    for key, positions in keyed.items():
        for position in positions:
            row_index = bodies[position][0]
            first = seen.setdefault((number, hash(key)), row_index)
            if key in existing:
                _add_error(checked[position], group, message)
            elif first != row_index:
                _add_error(checked[position], group, f"{message} (duplicate of row {first + 1})")


def _add_error(checked: Checked, group: tuple[str, ...], message: str) -> None:
    name = group[0] if len(group) == 1 else "non_field_errors"
    checked.errors.setdefault(name, []).append(message)
