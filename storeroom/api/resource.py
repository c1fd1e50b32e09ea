"""`Resource`: the one declaration of a model type that the list, detail, write, export, bulk
delete and metadata endpoints all read."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field, convert
from storeroom.api.platform_references import PlatformReference
from storeroom.auth.caller import Caller
from storeroom.auth.permissions import Access as Access  # re-exported for declarations
from storeroom.db.fastread import FastReader
from storeroom.settings import Settings

# A create's default for a field the body leaves out, computed from the tenant's data, the values
# given and the deployment's settings (an order's next reference, the default currency).
CreateDefault = Callable[[Any, dict[str, Any], Settings], Awaitable[Any]]

OPERATIONS = frozenset(
    {"list", "create", "detail", "update", "delete", "bulk_delete", "export", "metadata"}
)


@dataclass(frozen=True, slots=True)
class Filter:
    """A query parameter of a list: its parser and the SQL condition it adds."""

    name: str
    parse: Callable[[Any], Any]
    clause: Callable[[Any], sa.ColumnElement[bool]]
    # A filter about the caller (`assigned_to_me`): the parsed value and the request's caller
    # give the value the clause gets (api/query.py, `for_caller`); a tuple it answers is
    # compiled into the statement, one shape per distinct tuple.
    for_caller: Callable[[Any, Caller, FastReader], Awaitable[Any]] | None = None


@dataclass(frozen=True, slots=True)
class RowScope:
    """Rows a caller may reach, decided per identity by the object (an attachment by its
    target's ruleset). `value(caller)` gives None (every row) or the value bound to `filter`,
    which narrows a list in one compiled statement for every user; `check(caller, row, action)`
    refuses one row (detail, metadata) the caller may not `action`."""

    filter: Filter
    value: Callable[[Caller], Awaitable[Any]]
    check: Callable[[Caller, Mapping[str, Any], str], Awaitable[None]]


@dataclass(frozen=True)
class Resource:
    table: sa.Table
    model_type: str
    path: str
    fields: tuple[Field, ...]
    access: Access
    name: str = ""
    plural: str = ""
    filters: tuple[str | Filter, ...] = ()
    ordering: tuple[str, ...] = ()
    default_ordering: tuple[str, ...] = ("pk",)
    search: tuple[str, ...] = ()
    operations: frozenset[str] = OPERATIONS
    # Writes that change nothing: the contract's error-report PUT/PATCH return the object as it is.
    read_only: bool = False
    # Called on the validated values before an insert or update, inside the transaction.
    before_write: Callable[[Any, dict[str, Any]], Awaitable[None]] | None = None
    tags: tuple[str, ...] = field(default=())
    # The content type: InvenTree's app label and the model's human name.
    app_label: str = ""
    verbose_name: str = ""
    # InvenTree serves a bulk DELETE on this list too (its operation ids then differ, see
    # api/routes.py); storeroom serves one on every list.
    inventree_bulk_delete: bool = False
    # Sets of fields whose values must be unique together (checked before writes).
    unique: tuple[tuple[str, ...], ...] = ()
    # Checks a write against tenant data, with the pk being updated (None on create): called on
    # the validated values before relations and uniqueness are checked; the field errors of an
    # Invalid it raises join the other fields' errors.
    check_write: Callable[[Any, dict[str, Any], int | None], Awaitable[None]] | None = None
    # Runs after an insert or update, in the same transaction (e.g. a tree's paths).
    after_write: Callable[[Any, int], Awaitable[None]] | None = None
    # Runs before a delete, single or bulk, in its transaction, given the deleted rows' condition
    # (e.g. the parts whose pricing a deleted price break fed).
    before_delete: Callable[[Any, sa.ColumnElement[bool]], Awaitable[None]] | None = None
    # Defaults InvenTree's models fill on create that a constant cannot give, by field name:
    # a field named here is not required on create; when the body leaves it out, its function
    # gives it in the create's transaction, before the write is checked.
    create_defaults: Mapping[str, CreateDefault] = field(default_factory=dict, hash=False)
    # Rows narrowed per caller (api/routes.py applies it to the list, detail and metadata).
    row_scope: RowScope | None = None
    # Declared operations whose handlers the owning capability serves itself (a part's PATCH
    # takes an image upload): the resource layer makes no route for them.
    served_by_capability: frozenset[str] = frozenset()
    # Fields holding a platform row's pk, checked on write and detailed on read
    # (api/platform_references.py).
    platform_references: tuple[PlatformReference, ...] = ()
    # The variant of this resource a read answers with, chosen by the request's query (the nested
    # objects it asks for, models/order_expansions.py); None: the resource itself.
    expand: Callable[[Mapping[str, Any]], Resource | None] | None = None

    @property
    def pk(self) -> sa.Column[Any]:
        return self.table.c.id

    def field(self, name: str) -> Field:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def column(self, name: str) -> sa.ColumnElement[Any]:
        if name == "pk":
            return self.pk
        spec = self.field(name)
        if spec.expression is not None:
            return spec.expression(self.table).label(spec.name)
        return self.table.c[spec.column_name]

    def filter_map(self) -> dict[str, Filter]:
        """The declared filters by name (read only: built once per declaration, as every list
        request parses its parameters against them)."""
        return self._filters_by_name

    @cached_property
    def _filters_by_name(self) -> dict[str, Filter]:
        found: dict[str, Filter] = {}
        for entry in self.filters:
            if isinstance(entry, Filter):
                found[entry.name] = entry
            else:
                found[entry] = equality_filter(self, entry)
        return found

    @cached_property
    def readable(self) -> tuple[Field, ...]:
        return tuple(spec for spec in self.fields if not spec.write_only)

    @cached_property
    def readable_names(self) -> tuple[str, ...]:
        """The names of the fields an answer holds, in order (every row of a page is zipped
        with them)."""
        return tuple(spec.name for spec in self.readable)

    @property
    def writable(self) -> tuple[Field, ...]:
        return tuple(spec for spec in self.fields if not spec.read_only and spec.stored)

    @property
    def required_on_create(self) -> tuple[Field, ...]:
        """The fields a create must give: the required ones without a create default."""
        return tuple(
            spec
            for spec in self.writable
            if spec.required and spec.name not in self.create_defaults
        )

    @property
    def relations(self) -> tuple[Field, ...]:
        return tuple(spec for spec in self.fields if spec.kind == "fk" and spec.relation)

    @property
    def has_metadata(self) -> bool:
        return "metadata" in self.operations and "metadata" in self.table.c


def equality_filter(resource: Resource, name: str) -> Filter:
    spec = resource.field(name) if name != "pk" else Field("pk", "int")
    column = resource.column(name)

    def parse(raw: Any) -> Any:
        return convert(spec, raw)

    def clause(value: Any) -> sa.ColumnElement[bool]:
        return column.is_(None) if value is None else column == value

    return Filter(name, parse, clause)
