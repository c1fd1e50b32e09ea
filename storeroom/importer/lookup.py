"""Relations by id or by natural key, set-based: one query per chunk of rows and field, never one
per row. A category may be named by its pk, its name or its pathstring; a name that several objects
share is refused as ambiguous."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.query import parse_filters
from storeroom.api.resource import Resource
from storeroom.errors import Invalid
from storeroom.models.registry import BY_MODEL_TYPE

# The columns that name an object, tried in this order after its pk.
NATURAL_KEYS = ("name", "pathstring", "reference", "code", "IPN", "SKU", "MPN", "serial", "key")
CACHE_LIMIT = 100_000


def natural_keys(target: Resource) -> list[str]:
    stored = {spec.name for spec in target.fields if spec.stored and spec.expression is None}
    return [name for name in NATURAL_KEYS if name in stored]


def filter_clauses(target: Resource, filters: dict[str, Any]) -> list[sa.ColumnElement[bool]]:
    """The `field_filters` of one relation as conditions on the related table; only the related
    list's declared filters, parsed as its query parameters are."""
    declared = target.filter_map()
    unknown = sorted(set(filters) - set(declared))
    if unknown:
        raise Invalid.field(
            "field_filters", f"Unknown filters for {target.model_type}: {', '.join(unknown)}."
        )
    parsed = parse_filters(target, {name: _as_text(value) for name, value in filters.items()})
    return [declared[name].clause(value) for name, value in parsed]


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


class RelationLookup:
    """Resolves the raw values of one relation field to pks, remembering what it found."""

    def __init__(self, target: Resource, conditions: list[sa.ColumnElement[bool]]) -> None:
        self.target = target
        self.conditions = conditions
        self.keys = natural_keys(target)
        self.found: dict[str, int | str] = {}

    async def resolve(
        self, connection: AsyncConnection, raws: Iterable[str]
    ) -> dict[str, int | str]:
        """raw value -> pk, or -> the error message for that value."""
        missing = {raw for raw in raws if raw not in self.found}
        if missing:
            if len(self.found) > CACHE_LIMIT:
                self.found.clear()
            self.found.update(await self._query(connection, missing))
        return self.found

    async def _query(self, connection: AsyncConnection, raws: set[str]) -> dict[str, int | str]:
        table = self.target.table
        ids = {int(raw) for raw in raws if raw.isdigit()}
        matches = [table.c.id.in_(ids)] if ids else []
        matches += [table.c[self.target.field(key).column_name].in_(raws) for key in self.keys]
        columns = [table.c.id, *(table.c[self.target.field(key).column_name] for key in self.keys)]
        query = sa.select(*columns).where(sa.or_(*matches), *self.conditions)
        rows = (await connection.execute(query)).all()
        by_id = {row[0] for row in rows}
        by_key: dict[str, set[int]] = {}
        for row in rows:
            for value in row[1:]:
                if value is not None:
                    by_key.setdefault(str(value), set()).add(row[0])
        return {raw: self._answer(raw, by_id, by_key) for raw in raws}

    def _answer(self, raw: str, by_id: set[int], by_key: dict[str, set[int]]) -> int | str:
        if raw.isdigit() and int(raw) in by_id:
            return int(raw)
        named = by_key.get(raw, set())
        if len(named) == 1:
            return next(iter(named))
        label = self.target.verbose_name or self.target.model_type
        if named:
            return f'Several {label} objects match "{raw}": use the pk or a unique path.'
        if self.conditions:
            return f'No {label} matches "{raw}" within the allowed choices.'
        return f'Invalid pk "{raw}" - object does not exist.'


def lookups_for(
    resource: Resource, filters: dict[str, dict[str, Any]] | None
) -> dict[str, RelationLookup]:
    """One lookup per relation field of the model."""
    found: dict[str, RelationLookup] = {}
    for spec in resource.relations:
        target = BY_MODEL_TYPE.get(spec.relation or "")
        if target is None:
            continue
        conditions = filter_clauses(target, dict((filters or {}).get(spec.name) or {}))
        found[spec.name] = RelationLookup(target, conditions)
    return found
