"""The status classes as answers: built-in values, later merged with a tenant's custom states."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Invalid
from storeroom.models.expressions import table
from storeroom.models.status_classes import STATUS_CLASSES
from storeroom.models.status_fields import CUSTOM_STATE
from storeroom.states.schemas import CustomState


def builtin_values(name: str) -> dict[str, dict[str, Any]]:
    """The values of one built-in class, keyed by name; unknown class → Invalid."""
    declared = STATUS_CLASSES.get(name)
    if declared is None:
        raise Invalid.field("statusmodel", f"Status class '{name}' not found.")
    return {
        value_name: {
            "key": key,
            "name": value_name,
            "label": label,
            "color": color,
            "logical_key": key,
            "custom": False,
        }
        for value_name, key, label, color in declared
    }


def merge_custom(
    values: dict[str, dict[str, Any]], custom_states: Iterable[CustomState]
) -> dict[str, dict[str, Any]]:
    """The built-in values followed by the custom states of the same class.

    A custom state never replaces a built-in value (its key differs from every built-in key, as
    the custom state model enforces); should its name clash, the built-in value keeps the name.
    """
    merged = dict(values)
    for state in custom_states:
        merged.setdefault(
            state.name,
            {
                "key": state.key,
                "name": state.name,
                "label": state.label,
                "color": state.color,
                "logical_key": state.logical_key,
                "custom": True,
            },
        )
    return merged


async def custom_states(
    tenant: TenantDb, status_class: str | None = None
) -> dict[str, list[CustomState]]:
    """The tenant's custom states by class, in key order (of one class when given)."""
    state = table(CUSTOM_STATE)
    query = sa.select(
        state.c.reference_status,
        state.c.key,
        state.c.name,
        state.c.label,
        state.c.color,
        state.c.logical_key,
    ).order_by(state.c.key)
    if status_class is not None:
        query = query.where(state.c.reference_status == status_class)
    found: dict[str, list[CustomState]] = {}
    async with tenant.transaction() as connection:
        for reference_status, *fields in await connection.execute(query):
            found.setdefault(reference_status, []).append(CustomState(*fields))
    return found


async def status_class(tenant: TenantDb, name: str) -> dict[str, Any]:
    values = builtin_values(name)
    custom = await custom_states(tenant, name)
    return {"class": name, "values": merge_custom(values, custom.get(name, ()))}


async def all_status_classes(tenant: TenantDb) -> dict[str, dict[str, Any]]:
    custom = await custom_states(tenant)
    return {
        name: {"class": name, "values": merge_custom(builtin_values(name), custom.get(name, ()))}
        for name in STATUS_CLASSES
    }
