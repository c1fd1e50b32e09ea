"""Serve many SQLite tenants in a process of its own under a low open-file limit (RLIMIT_NOFILE),
so a server that keeps every tenant's database open fails its test instead of the machine.

    python -m tests.db.capped_tenants OPEN_FILES TENANTS DATA_DIR

Each tenant is made by its first identity-header request, gets a part named after it and lists
its parts, twice over. Prints JSON: the tenants that saw anything else, the open tenants at the
end and the limit the process chose.
"""

from __future__ import annotations

import asyncio
import base64
import json
import resource
import sys
from pathlib import Path
from typing import Any

from storeroom.app import create_app
from storeroom.settings import load_settings
from tests.conftest import TEMPLATE_SETTINGS, Client, started


def org_admin_of(account: str) -> dict[str, str]:
    user = {"username": "idp", "is_org_admin": True}
    document = {"identity": {"account_number": account, "user": user}}
    return {"x-rh-identity": base64.b64encode(json.dumps(document).encode()).decode()}


async def serve_tenant(client: Client, account: str, first: bool) -> str | None:
    """None when the tenant was served its own part, else what went wrong."""
    headers = org_admin_of(account)
    if first:
        created = await client.post("/api/part/", json={"name": account}, headers=headers)
        if created.status_code != 201:
            return f"{account}: create {created.status_code} {created.text[:200]}"
    listed = await client.get("/api/part/", headers=headers)
    if listed.status_code != 200:
        return f"{account}: list {listed.status_code} {listed.text[:200]}"
    names = [part["name"] for part in listed.json()]
    return None if names == [account] else f"{account}: saw {names}"


async def run(data_dir: Path, tenants: int) -> dict[str, Any]:
    settings = load_settings(
        environ={},
        data_dir=data_dir,
        identity_header_enabled=True,
        **{**TEMPLATE_SETTINGS, "currency_refresh_hours": 0.0, "count_cache_seconds": 0.0},
    )
    app = create_app(settings)
    async with started(app) as client:
        wrong = []
        for first in (True, False):
            for number in range(tenants):
                problem = await serve_tenant(client, f"t{number}", first)
                if problem is not None:
                    wrong.append(problem)
        files = app.state.api.databases.tenant_files
        return {"wrong": wrong, "open": files.open_count(), "limit": files.limit}


def main() -> None:
    open_files, tenants, data_dir = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, hard))
    print(json.dumps(asyncio.run(run(data_dir, tenants))))


if __name__ == "__main__":
    main()
