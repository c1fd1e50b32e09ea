"""Custom states (`/api/generic/status/custom/`): a tenant's own values of a status class, each
standing for one of the class's built-in (logical) keys, with the rules of docs/api-behaviour.md
("generic/status"); any signed-in user reads them, staff write them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field
from storeroom.api.resource import Access, Resource
from storeroom.errors import Invalid
from storeroom.models.declare import model
from storeroom.models.expressions import Expression, table
from storeroom.models.status_classes import STATUS_CLASSES as BUILTIN
from storeroom.models.status_classes import keys_of
from storeroom.models.status_fields import CUSTOM_STATE, CheckWrite

STATUS_CLASSES = (
    "BuildStatus",
    "DataImportStatusCode",
    "MachineStatus",
    "PurchaseOrderStatus",
    "ReturnOrderLineStatus",
    "ReturnOrderStatus",
    "SalesOrderStatus",
    "StockHistoryCode",
    "StockStatus",
)
COLORS = ("primary", "secondary", "success", "danger", "warning", "info", "dark")

# Every model type in content-type order (a content type's pk is its position, from 1); read when
# a request needs it, as the registry that holds them imports this module.
Models = Callable[[], tuple[Resource, ...]]


def model_name(models: Models) -> Expression:
    """The name of the content type `model` points at (InvenTree's `model.name`)."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        names = {pk: found.verbose_name for pk, found in enumerate(models(), start=1)}
        return sa.case(names, value=owner.c.model, else_="")

    return expression


async def clashes(connection: Any, merged: dict[str, Any], name: str, pk: int | None) -> bool:
    """Whether another custom state of the same class has this `name` field's value."""
    state = table(CUSTOM_STATE)
    query = sa.select(state.c.id).where(
        state.c.reference_status == merged["reference_status"], state.c[name] == merged[name]
    )
    if pk is not None:
        query = query.where(state.c.id != pk)
    return await connection.scalar(query.limit(1)) is not None


def key_errors(merged: dict[str, Any]) -> dict[str, list[str]]:
    """The rules on `logical_key` and `key` against the class's built-in keys."""
    status_class, key, logical = merged["reference_status"], merged["key"], merged["logical_key"]
    builtin = keys_of(BUILTIN[status_class])
    errors: dict[str, list[str]] = {}
    if logical not in builtin:
        allowed = ", ".join(str(each) for each in builtin) or "none"
        errors["logical_key"] = [f"Must be a key of {status_class} ({allowed})."]
    if key == logical:
        errors["key"] = ["Must differ from the logical key."]
    elif key in builtin:
        errors["key"] = [f"Must differ from every key of {status_class}."]
    return errors


def custom_state_rules(models: Models) -> CheckWrite:
    async def check(connection: Any, values: dict[str, Any], pk: int | None) -> None:
        merged = dict(values)
        if pk is not None:
            state = table(CUSTOM_STATE)
            row = (await connection.execute(sa.select(state).where(state.c.id == pk))).first()
            merged = {**(row._mapping if row is not None else {}), **values}
        errors: dict[str, list[str]] = {}
        if "model" in merged and merged["model"] is None:
            errors["model"] = ["Model must be selected."]
        elif "model" in merged and not 1 <= merged["model"] <= len(models()):
            errors["model"] = [f'Invalid pk "{merged["model"]}" - object does not exist.']
        if all(merged.get(name) is not None for name in ("reference_status", "key", "logical_key")):
            errors = {**key_errors(merged), **errors}
        for name in ("key", "name"):
            has_values = merged.get("reference_status") and merged.get(name) is not None
            if name not in errors and has_values and await clashes(connection, merged, name, pk):
                status_class = merged["reference_status"]
                message = f"A custom state of {status_class} with this {name} already exists."
                errors[name] = [message]
        if errors:
            raise Invalid(errors)

    return check


def resources(models: Models) -> tuple[Resource, ...]:
    """The custom state model, naming content types through `models`."""
    custom_state = model(
        CUSTOM_STATE,
        "/api/generic/status/custom/",
        app_label="common",
        verbose_name="Custom State",
        ruleset="admin",
        access=Access(staff_writes=True),
        fields=(
            Field("key", "int", required=True),
            Field("name", "str", required=True, max_length=250),
            Field("label", "str", required=True, max_length=250),
            Field("color", "str", max_length=10, default="secondary", choices=COLORS),
            Field("logical_key", "int", required=True),
            # A content type's pk (the model whose status field the state extends), not a
            # relation: content types are the same for every tenant and not stored in its data.
            Field("model", "int", required=True, nullable=True),
            Field("model_name", "str", read_only=True, stored=False, expression=model_name(models)),
            Field("reference_status", "str", required=True, max_length=250, choices=STATUS_CLASSES),
        ),
        # A key or a name means one state of its class (checked first by the rules, naming the
        # field; the constraints hold against concurrent writes).
        unique=(("reference_status", "key"), ("reference_status", "name")),
        ordering=("key",),
        default_ordering=("key",),
        search=("name", "label", "reference_status"),
        check_write=custom_state_rules(models),
    )
    return (custom_state,)
