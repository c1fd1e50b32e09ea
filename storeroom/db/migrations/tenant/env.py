"""Alembic environment for one tenant's tables.

Statements name the placeholder schema `tenant`; the connection's schema_translate_map turns it into
the tenant's schema (PostgreSQL) or none (the tenant's own SQLite file). The version table lives in
the tenant's schema too, so every tenant has its own revision.
"""

from alembic import context

connection = context.config.attributes["connection"]
schema = context.config.attributes.get("version_schema")
context.configure(
    connection=connection,
    target_metadata=context.config.attributes.get("target_metadata"),
    version_table_schema=schema,
    include_schemas=True,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
