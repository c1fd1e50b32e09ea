"""Autogenerate an Alembic revision for the platform or tenant tables.

    python tools/make_migration.py platform|tenant "message"

Compares the tables declared in code with a scratch PostgreSQL database brought to head
(STOREROOM_TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres).
"""

from __future__ import annotations

import os
import sys

import sqlalchemy as sa
from alembic import command

import storeroom.app  # noqa: F401  (imports every table)
from storeroom.db.metadata import platform_metadata, tenant_metadata
from storeroom.db.migrate import alembic_config

SCRATCH = "storeroom_autogenerate"


def main() -> None:
    kind, message = sys.argv[1], sys.argv[2]
    base = os.environ.get(
        "STOREROOM_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
    )
    admin = sa.create_engine(
        base.replace("postgresql://", "postgresql+psycopg2://"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE IF EXISTS {SCRATCH}"))
        connection.execute(sa.text(f"CREATE DATABASE {SCRATCH}"))
    url = sa.engine.make_url(base.replace("postgresql://", "postgresql+psycopg2://"))
    engine = sa.create_engine(url.set(database=SCRATCH))
    with engine.begin() as connection:
        schema = None
        if kind == "tenant":
            connection.execute(sa.text("CREATE SCHEMA tenant"))
            schema = "tenant"
        config = alembic_config(kind, connection, schema)
        config.attributes["target_metadata"] = (
            tenant_metadata if kind == "tenant" else platform_metadata
        )
        command.upgrade(config, "head")
        command.revision(config, message=message, autogenerate=True)
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE IF EXISTS {SCRATCH}"))


if __name__ == "__main__":
    main()
