"""The search indexes of tenant tables: what `?search=` reads instead of scanning.

A table declares its searched text columns in `table.info["search"]` (models/declare.py). On
SQLite they get an FTS5 table with the trigram tokenizer (`<table>_search`, external content: it
indexes the table's own rows and stores no copy), kept in step by triggers, so every writer (the
API, the importer's bulk inserts, bulk deletes, cascades) updates it without knowing it exists.
On PostgreSQL each column gets a GIN index with pg_trgm's trigram operator class, which serves
`ILIKE '%term%'`; PostgreSQL keeps it in step itself.

Trigram indexes find substrings of three characters or more: shorter terms are matched with
LIKE over the columns (api/query.py).
"""

from __future__ import annotations

import sqlalchemy as sa

from storeroom.db.metadata import TENANT_SCHEMA

SEARCH_INFO = "search"
SHORTEST_INDEXED_TERM = 3
# The extension is created once per database; the lock keeps two tenants created at the same
# moment from both creating it (the loser would fail on pg_extension's unique name).
PG_TRGM = (
    "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN "
    "PERFORM pg_advisory_xact_lock(1414); "
    "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public; END IF; END $$"
)


def search_columns(table: sa.Table) -> tuple[str, ...]:
    columns: tuple[str, ...] = table.info.get(SEARCH_INFO, ())
    return columns


def fts_name(table_name: str) -> str:
    return f"{table_name}_search"


# The FTS5 tables as SQLAlchemy sees them, outside the tenant metadata (they are created by
# `search_ddl`, not by CREATE TABLE).
_FTS_TABLES = sa.MetaData(schema=TENANT_SCHEMA)


def fts_table(table: sa.Table) -> sa.Table:
    """The FTS5 table as a selectable (in the tenant's schema): its rowid is the indexed row's
    id, and the column named after the table is FTS5's handle for MATCH."""
    name = fts_name(table.name)
    found = _FTS_TABLES.tables.get(f"{TENANT_SCHEMA}.{name}")
    if found is None:
        found = sa.Table(
            name, _FTS_TABLES, sa.Column("rowid", sa.Integer), sa.Column(name, sa.String)
        )
    return found


def _quoted(names: tuple[str, ...], prefix: str = "") -> str:
    return ", ".join(f'{prefix}"{name}"' for name in names)


def sqlite_ddl(table_name: str, columns: tuple[str, ...]) -> list[str]:
    """The FTS5 table over `columns` of `table_name`, and the triggers that keep it in step."""
    fts = fts_name(table_name)
    listed = _quoted(columns)
    # Names only, all from the declarations.
    added = f"INSERT INTO {fts}(rowid, {listed}) VALUES (new.id, {_quoted(columns, 'new.')});"  # noqa: S608
    removed = (
        f"INSERT INTO {fts}({fts}, rowid, {listed}) "  # noqa: S608
        f"VALUES ('delete', old.id, {_quoted(columns, 'old.')});"
    )
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({listed}, content='{table_name}', "
        "content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table_name} BEGIN {added} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table_name} BEGIN {removed} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {listed} ON {table_name} "
        f"BEGIN {removed} {added} END",
    ]


def sqlite_rebuild(table_name: str) -> str:
    """Index the rows a table already has (a migration's last step)."""
    fts = fts_name(table_name)
    return f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"  # noqa: S608


def postgres_ddl(table_name: str, columns: tuple[str, ...], prefix: str) -> list[str]:
    """A trigram GIN index per column; `prefix` is the quoted schema and a dot."""
    return [
        f"CREATE INDEX ix_{table_name}_{column}_trgm ON {prefix}{table_name} "
        f'USING gin ("{column}" gin_trgm_ops)'
        for column in columns
    ]


def drop_ddl(dialect: str, table_name: str, columns: tuple[str, ...], prefix: str) -> list[str]:
    if dialect == "sqlite":
        fts = fts_name(table_name)
        # IF EXISTS: a later downgrade that rebuilt the table on SQLite (batch mode) took its
        # triggers with it.
        triggers = [
            f"DROP TRIGGER IF EXISTS {fts}_{event}" for event in ("insert", "delete", "update")
        ]
        return [*triggers, f"DROP TABLE {fts}"]
    return [f"DROP INDEX {prefix}ix_{table_name}_{column}_trgm" for column in columns]


def search_ddl(dialect: str, tables: list[sa.Table], prefix: str) -> list[str]:
    """Every search index of `tables` (the tenant's tables at head)."""
    found = [(table.name, search_columns(table)) for table in tables if search_columns(table)]
    if dialect == "sqlite":
        return [statement for name, columns in found for statement in sqlite_ddl(name, columns)]
    statements = [PG_TRGM] if found else []
    for name, columns in found:
        statements += postgres_ddl(name, columns, prefix)
    return statements
