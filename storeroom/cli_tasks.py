"""The work behind the `storeroom` command's subcommands, as plain async functions."""

from __future__ import annotations

import sqlalchemy as sa

from storeroom.api.startup import ensure_first_admin, start_platform
from storeroom.auth.accounts import create_user
from storeroom.background.queue import Registry
from storeroom.background.redis_queue import SaqQueue, queue_url_of
from storeroom.background.worker import run_worker
from storeroom.db.engines import Databases, check_account
from storeroom.db.migrate import head_revision, tenant_revision, upgrade_platform, upgrade_tenant
from storeroom.db.tenancy import Tenants
from storeroom.errors import NotFound, Unavailable
from storeroom.settings import Settings


async def _ready_platform(databases: Databases, settings: Settings) -> Tenants:
    """The platform at head, the default tenant in place and the admin named by the settings
    made, as `serve` would leave them: whichever command runs first (a `createsuperuser` before
    the first `serve` made a user, so `serve` never made the STOREROOM_ADMIN_* one)."""
    await upgrade_platform(databases)
    tenants = Tenants(databases)
    await tenants.load()
    account = await tenants.ensure(settings.default_tenant)
    # Without them `serve` makes an admin with a random password, printed where it starts.
    if settings.admin_user or settings.admin_password:
        await ensure_first_admin(databases, settings, account)
    return tenants


async def migrate_all(settings: Settings) -> list[str]:
    """Upgrade the platform, then each tenant in its own transaction; returns failed accounts."""
    databases = Databases(settings)
    failures = []
    try:
        tenants = await _ready_platform(databases, settings)
        accounts = sorted(tenants.ready)
        head = head_revision("tenant")
        for account in accounts:
            try:
                await upgrade_tenant(databases, account)
            except sa.exc.SQLAlchemyError as error:
                failures.append(account)
                revision = await tenant_revision(databases, account)
                print(f"tenant {account}: migration failed, still at {revision}: {error}")
            else:
                print(f"tenant {account}: at {head}")
    finally:
        await databases.close()
    return failures


async def create_superuser(
    settings: Settings,
    username: str,
    email: str,
    password: str,
    tenant: str,
    create_tenant: bool = False,
) -> None:
    """A superuser of `tenant` (default: the default tenant); an unknown tenant is refused, as a
    mistyped account would make a new tenant, unless `create_tenant`."""
    databases = Databases(settings)
    try:
        tenants = await _ready_platform(databases, settings)
        account = check_account(tenant or settings.default_tenant)
        if not create_tenant and not await tenants.exists(account):
            raise NotFound(
                f"No tenant {account}: create it first (storeroom tenant create {account}) or "
                "pass --create-tenant."
            )
        account = await tenants.ensure(account)
        async with databases.platform.begin() as connection:
            await create_user(
                connection,
                account,
                username,
                password,
                email=email,
                is_staff=True,
                is_superuser=True,
            )
    finally:
        await databases.close()


async def check_config(settings: Settings) -> list[str]:
    problems = [await database_problem(settings), await queue_problem(settings)]
    return [problem for problem in problems if problem]


async def queue_problem(settings: Settings) -> str | None:
    """Why the job queue cannot be used, in one line; None when it answers or runs in-process."""
    if not queue_url_of(settings):
        return None
    try:
        queue = SaqQueue(settings, Registry({}))
    except ValueError as error:
        return f"queue URL unusable: {_first_line(error)}"
    try:
        await queue.ping()
    except Unavailable as error:
        return error.message
    finally:
        await queue.close()
    return None


async def work(settings: Settings, registry: Registry, concurrency: int) -> None:
    """`storeroom worker`: run jobs from the queue until SIGTERM, then drain."""
    async with start_platform(settings) as context:
        await run_worker(context, registry, concurrency)


async def database_problem(settings: Settings) -> str | None:
    """Why the database cannot be used, in one line; None when it answers."""
    try:
        databases = Databases(settings)
    except (OSError, ValueError, sa.exc.ArgumentError) as error:
        return f"database URL unusable: {_first_line(error)}"
    try:
        async with databases.platform.connect() as connection:
            await connection.execute(sa.text("SELECT 1"))
    except (OSError, sa.exc.SQLAlchemyError) as error:
        # The driver's own message ('database "x" does not exist'), without SQLAlchemy's wrapping.
        cause = error.orig if isinstance(error, sa.exc.DBAPIError) and error.orig else error
        return f"database unreachable: {_first_line(cause)}"
    finally:
        await databases.close()
    return None


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


async def create_tenant(settings: Settings, account: str) -> str:
    databases = Databases(settings)
    try:
        return await (await _ready_platform(databases, settings)).create(account)
    finally:
        await databases.close()


async def list_tenants(settings: Settings) -> list[str]:
    databases = Databases(settings)
    try:
        await _ready_platform(databases, settings)
        return await Tenants(databases).load()
    finally:
        await databases.close()


async def delete_tenant(settings: Settings, account: str) -> None:
    databases = Databases(settings)
    try:
        await Tenants(databases).delete(check_account(account))
    finally:
        await databases.close()
