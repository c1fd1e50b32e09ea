"""Proof that the bare app runs storeroom's SQL: compile storeroom's statements for the token
lookup, the error-report page and its count, and compare their text with the bare app's copies."""

from __future__ import annotations

from pathlib import Path

import bare_app

from storeroom.api.query import ListQuery, StatementCache
from storeroom.auth.mechanisms import Authenticator
from storeroom.db.engines import Databases
from storeroom.db.fastread import FastReader, render_schema
from storeroom.db.tenancy import Tenants
from storeroom.error_reports.routes import ERROR_REPORT
from storeroom.settings import Settings


def storeroom_sql(database_url: str, data_dir: Path) -> dict[str, str]:
    """The three statements as storeroom executes them for the default tenant's list page."""
    settings = Settings(data_dir=data_dir, database_url=database_url)
    # Only compiles: the engines are never connected, so there is nothing to close.
    databases = Databases(settings)
    authenticator = Authenticator(settings, databases, FastReader(databases), Tenants(databases))
    statements = StatementCache(ERROR_REPORT, databases.platform.dialect)
    query = ListQuery(ordering=ERROR_REPORT.default_ordering, limit=25, offset=0)
    schema = databases.schema_for(bare_app.ACCOUNT)
    return {
        # Private, but it is the very statement `by_token` runs, which is the point.
        "token": authenticator._by_token.sql,
        "page": render_schema(statements.page(query).sql, schema),
        "count": render_schema(statements.count(query).sql, schema),
    }


def bare_sql(database_url: str, data_dir: Path) -> dict[str, str]:
    database = bare_app.Database(database_url, data_dir)
    return {"token": database.token_sql, "page": database.page_sql, "count": database.count_sql}


def differing_statements(database_url: str, data_dir: Path) -> list[str]:
    """The names of the statements whose text differs (empty: the same SQL)."""
    ours, theirs = storeroom_sql(database_url, data_dir), bare_sql(database_url, data_dir)
    return [name for name in ours if ours[name] != theirs[name]]
