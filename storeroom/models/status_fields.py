"""Status fields that take a tenant's custom states, as InvenTree's custom status fields do.

A custom state stands for one built-in (logical) key of its class. Given a custom key, a model
stores the logical key in `status` (so every workflow and status group keeps working) and the custom
key in `status_custom_key`; `status_text` shows the custom state's label while the two agree, the
built-in label otherwise. Filtering by `status` matches either key.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field, parse_int
from storeroom.api.resource import Filter
from storeroom.errors import Invalid
from storeroom.models.expressions import Expression, table
from storeroom.models.status_classes import STATUS_CLASSES, keys_of

CUSTOM_STATE = "inventreecustomuserstatemodel"

CheckWrite = Callable[[Any, dict[str, Any], int | None], Awaitable[None]]
# A key resolved: (the logical key to store in `status`, the custom key or None).
Resolved = tuple[int, int | None]


def status_fields(status_class: str, *, writable: bool) -> tuple[Field, ...]:
    """`status`, `status_text` and `status_custom_key` of a model whose status uses the class."""
    keys = keys_of(STATUS_CLASSES[status_class])
    return (
        Field(
            "status",
            "int",
            read_only=not writable,
            default=keys[0],
            choices=keys,
            status_class=status_class,
        ),
        Field(
            "status_text", "str", read_only=True, stored=False, expression=status_text(status_class)
        ),
        Field(
            "status_custom_key",
            "int",
            read_only=not writable,
            nullable=True,
            choices=keys,
            status_class=status_class,
            added_in="c0ffee000004",
        ),
    )


def custom_state_of(status_class: str, owner: sa.Table) -> sa.Select[Any]:
    """The tenant's custom state of the class that `owner`'s two keys name, if they agree."""
    state = table(CUSTOM_STATE).alias()
    return sa.select(state.c.label).where(
        state.c.reference_status == status_class,
        state.c.key == owner.c.status_custom_key,
        state.c.logical_key == owner.c.status,
    )


def status_text(status_class: str) -> Expression:
    labels = {key: label for _name, key, label, _color in STATUS_CLASSES[status_class]}

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        custom = custom_state_of(status_class, owner).limit(1).scalar_subquery()
        builtin = sa.case(labels, value=owner.c.status, else_="")
        # Most rows have no custom key: their label is found without looking a state up.
        return sa.case(
            (owner.c.status_custom_key.is_(None), builtin),
            else_=sa.func.coalesce(custom, builtin),
        )

    return expression


def status_filter(model_type: str, status_class: str) -> Filter:
    """`?status=` a built-in key matches it and its custom states; a custom key, only those."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        owner = table(model_type)
        state = table(CUSTOM_STATE).alias()
        logical = sa.select(state.c.logical_key).where(
            state.c.reference_status == status_class, state.c.key == value
        )
        return sa.or_(
            owner.c.status == value,
            sa.and_(owner.c.status_custom_key == value, owner.c.status.in_(logical)),
        )

    return Filter("status", parse_int, clause)


async def resolve(connection: Any, status_class: str, key: int) -> Resolved | None:
    if key in keys_of(STATUS_CLASSES[status_class]):
        return key, None
    state = table(CUSTOM_STATE)
    logical = await connection.scalar(
        sa.select(state.c.logical_key).where(
            state.c.reference_status == status_class, state.c.key == key
        )
    )
    return None if logical is None else (int(logical), key)


def combined(status: Resolved | None, custom: Resolved | None) -> Resolved | None:
    """Both keys given: they must name the same state (or the custom key its logical key)."""
    if status is None or custom is None:
        return status or custom
    if status[0] != custom[0] or (None not in (status[1], custom[1]) and status[1] != custom[1]):
        return None
    return custom if custom[1] is not None else status


def custom_status_keys(status_class: str) -> CheckWrite:
    """The check of a writable status field: resolve a custom key to its logical key."""

    async def check(connection: Any, values: dict[str, Any], pk: int | None) -> None:
        errors: dict[str, list[str]] = {}
        found: dict[str, Resolved | None] = {}
        for name in ("status", "status_custom_key"):
            key = values.get(name)
            if key is None:
                continue
            found[name] = await resolve(connection, status_class, key)
            if found[name] is None:
                errors[name] = [f'"{key}" is not a valid choice.']
        if errors:
            raise Invalid(errors)
        if not found:
            return
        chosen = combined(found.get("status"), found.get("status_custom_key"))
        if chosen is None:
            message = f"Does not stand for status {values['status']}."
            raise Invalid.field("status_custom_key", message)
        values["status"], values["status_custom_key"] = chosen

    return check
