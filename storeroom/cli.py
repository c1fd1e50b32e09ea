"""The `storeroom` command: serve, migrate, createsuperuser, check, tenant."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import typer

# A new tenant's tables are created from the declarations: every one of them must be imported.
from storeroom.api.startup import prepare
from storeroom.app import BACKGROUND
from storeroom.background.redis_queue import queue_url_of
from storeroom.cli_tasks import (
    check_config,
    create_superuser,
    create_tenant,
    database_problem,
    delete_tenant,
    list_tenants,
    migrate_all,
    queue_problem,
    work,
)
from storeroom.errors import StoreroomError
from storeroom.flags.service import check_flags
from storeroom.importer.command import import_with_progress
from storeroom.server.launch import listen_problem, run_server
from storeroom.settings import Settings, SettingsError, load_settings

T = TypeVar("T")

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)
tenant_app = typer.Typer(no_args_is_help=True, help="Manage tenants (accounts).")
app.add_typer(tenant_app, name="tenant")


def run(work: Coroutine[Any, Any, T]) -> T:
    """Run a task; a domain error (a taken name, a bad account) is a message, not a traceback."""
    try:
        return asyncio.run(work)
    except StoreroomError as error:
        typer.echo(f"storeroom: {error.message}", err=True)
        raise typer.Exit(1) from None


def _settings() -> Settings:
    """The settings, with a warning for each unknown key; a setting that cannot be used or a
    database that cannot be reached stops the command with one line (exit 2), not a traceback."""
    try:
        settings = load_settings()
        check_flags(settings)
    except SettingsError as error:
        _stop(str(error))
    for notice in settings.notices:
        typer.echo(f"storeroom: warning: {notice}", err=True)
    problem = asyncio.run(database_problem(settings))
    if problem:
        _stop(problem)
    return settings


def _stop(problem: str) -> NoReturn:
    typer.echo(f"storeroom: {problem}", err=True)
    raise typer.Exit(2)


@app.command()
def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Start the API server (migrating a new database first)."""
    settings = _settings()
    problem = listen_problem(host, port)
    if problem:
        _stop(problem)
    run(prepare(settings))
    typer.echo(f"storeroom: serving on http://{host}:{port}")
    run_server(settings, host, port, workers)


@app.command()
def worker(
    concurrency: int = typer.Option(4, min=1, help="How many jobs run at once."),
) -> None:
    """Run background jobs from the queue (STOREROOM_QUEUE_URL), apart from the web processes."""
    settings = _settings()
    if not queue_url_of(settings):
        _stop(
            "a worker needs a queue: set STOREROOM_QUEUE_URL=redis://host:6379/0 (without one, "
            "`storeroom serve` runs the jobs itself)"
        )
    problem = run(queue_problem(settings))
    if problem:
        _stop(problem)
    typer.echo(f"storeroom: worker running {concurrency} jobs at once; SIGTERM drains it")
    run(work(settings, BACKGROUND, concurrency))


@app.command()
def migrate() -> None:
    """Upgrade the platform tables and every tenant."""
    failures = run(migrate_all(_settings()))
    if failures:
        raise typer.Exit(1)


@app.command()
def createsuperuser(
    username: str = typer.Option(..., prompt=True),
    email: str = typer.Option("", prompt=True),
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
    tenant: str = typer.Option("", help="The account; default: the default tenant."),
    create_tenant: bool = typer.Option(False, help="Create --tenant if it does not exist."),
) -> None:
    """Create a superuser (non-interactive with --username, --email and --password)."""
    run(create_superuser(_settings(), username, email, password, tenant, create_tenant))
    typer.echo(f"Superuser {username} created.")


@app.command()
def check() -> None:
    """Check the configuration and that the database is reachable."""
    problems = run(check_config(_settings()))
    for problem in problems:
        typer.echo(f"problem: {problem}", err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo("ok")


@app.command("import")
def import_file(
    file: Path,
    model: str = typer.Option(..., "--model", help="The model type to import into, e.g. part."),
    maps: list[str] = typer.Option([], "--map", help="COLUMN=FIELD (repeatable)."),  # noqa: B008
    tenant: str = typer.Option("", help="The account; default: the default tenant."),
) -> None:
    """Import a CSV, TSV, XLSX or JSON file into a model; prints the rows that failed."""
    status = run(import_with_progress(_settings(), file, model, maps, tenant))
    if status:
        raise typer.Exit(status)


@tenant_app.command("create")
def tenant_create(account: str) -> None:
    run(create_tenant(_settings(), account))
    typer.echo(f"Tenant {account} created.")


@tenant_app.command("list")
def tenant_list() -> None:
    for account in run(list_tenants(_settings())):
        typer.echo(account)


@tenant_app.command("delete")
def tenant_delete(
    account: str, yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation.")
) -> None:
    """Delete a tenant with all its data and users; asks you to type its account first."""
    settings = _settings()
    if not yes:
        question = f"Delete tenant {account} with all its data? Type {account} to confirm"
        typed = typer.prompt(question)
        if typed.strip() != account:
            typer.echo(f"storeroom: tenant {account} not deleted.", err=True)
            raise typer.Exit(1)
    run(delete_tenant(settings, account))
    typer.echo(f"Tenant {account} deleted.")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
