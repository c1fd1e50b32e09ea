"""`model()`: one declaration of a model type gives its table (in the tenant metadata, so Alembic
migrates it) and its Resource (endpoints, filters, export, metadata, content type)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field
from storeroom.api.resource import Access, Filter, Resource
from storeroom.db.metadata import TENANT_SCHEMA, tenant_metadata
from storeroom.db.search_index import SEARCH_INFO

ON_DELETE = {"protect": "RESTRICT", "cascade": "CASCADE", "set_null": "SET NULL"}
PK = Field("pk", "int", read_only=True, column="id")
# Longer text is not indexed for ordering or filtering: a PostgreSQL b-tree entry holds at most
# ~2.7 kB, so an index on a 5,000-character column would refuse long values.
MAX_INDEXED_LENGTH = 500


def column_for(model_type: str, spec: Field, *, index_fk: bool = True) -> sa.Column[Any]:
    if spec.kind == "fk" and spec.relation:
        target = f"{TENANT_SCHEMA}.{spec.relation}.id"
        return sa.Column(
            spec.column_name,
            sa.Integer,
            sa.ForeignKey(target, ondelete=ON_DELETE[spec.on_delete]),
            nullable=spec.nullable or not spec.required,
            index=index_fk,
        )
    default = server_default(spec.default)
    return sa.Column(
        spec.column_name,
        spec.sql_type(),
        nullable=spec.nullable or (not spec.required and default is None),
        index=spec.index,
        server_default=default,
    )


def column_name(fields: tuple[Field, ...], name: str) -> str:
    return next(spec.column_name for spec in fields if spec.name == name)


def implied_indexes(
    fields: tuple[Field, ...], filters: tuple[str | Filter, ...], ordering: tuple[str, ...]
) -> list[Field]:
    """The stored fields that the list's declared filters and orderings read (not computed
    ones, not long text): each gets an index on (column, id), which serves `?field=value` in
    pk order and `ordering=field` / `-field` with the pk as tie-breaker, on both databases."""
    named = [entry for entry in filters if isinstance(entry, str)] + list(ordering)
    chosen: list[Field] = []
    for spec in fields:
        if spec.name not in named or not spec.stored or spec.expression is not None:
            continue
        if spec.kind in {"json", "tags"} or (spec.max_length or 0) > MAX_INDEXED_LENGTH:
            continue
        chosen.append(spec)
    return chosen


def server_default(value: Any) -> Any:
    """The database default of a plain default value, so rows made outside the API get it too."""
    if isinstance(value, bool):
        return sa.true() if value else sa.false()
    if isinstance(value, int | float):
        return sa.text(str(value))
    if isinstance(value, str):
        return value
    return None


def searched_columns(fields: tuple[Field, ...], search: tuple[str, ...]) -> tuple[str, ...]:
    """The table's own text columns among the searched fields (a computed one is matched by
    LIKE on its expression)."""
    return tuple(
        spec.column_name
        for spec in fields
        if spec.name in search and spec.stored and spec.expression is None and spec.kind == "str"
    )


def model(
    model_type: str,
    path: str,
    *,
    app_label: str,
    verbose_name: str,
    ruleset: str,
    fields: tuple[Field, ...],
    unique: tuple[tuple[str, ...], ...] = (),
    filters: tuple[str | Filter, ...] = (),
    ordering: tuple[str, ...] = (),
    search: tuple[str, ...] = (),
    access: Access | None = None,
    **options: Any,
) -> Resource:
    """Declare a model type: its table and its endpoints from one list of fields."""
    stored = [spec for spec in fields if spec.stored and spec.expression is None]
    indexed = implied_indexes(fields, filters, ordering)
    # A relation that is filtered or ordered on gets the (column, id) index instead of its own.
    plain = {spec.name for spec in stored} - {spec.name for spec in indexed}
    table = sa.Table(
        model_type,
        tenant_metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        *(
            column_for(model_type, spec, index_fk=spec.name in plain)
            for spec in stored
            if not spec.added_in
        ),
        sa.Column("metadata", sa.JSON, nullable=True),
        *(
            column_for(model_type, spec, index_fk=spec.name in plain)
            for spec in stored
            if spec.added_in
        ),
        *(sa.UniqueConstraint(*(column_name(fields, name) for name in names)) for names in unique),
        *(sa.Index(None, spec.column_name, "id") for spec in indexed),
        # The searched text columns get a search index (db/search_index.py).
        info={SEARCH_INFO: searched_columns(fields, search)},
    )
    return Resource(
        table=table,
        model_type=model_type,
        path=path,
        fields=(PK, *fields),
        # `access` replaces the ruleset's rule (custom states: anyone reads, staff write).
        access=access or Access(ruleset=ruleset),
        name=model_type,
        plural=model_type + "s",
        filters=filters,
        ordering=ordering,
        search=search,
        unique=unique,
        app_label=app_label,
        verbose_name=verbose_name,
        **options,
    )
