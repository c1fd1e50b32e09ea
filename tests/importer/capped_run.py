"""Run one importer step in a process of its own under a memory cap (RLIMIT_AS), so a parser
whose memory runs away fails its test instead of the machine.

    python -m tests.importer.capped_run CAP_BYTES upload|resume DATA_DIR DATABASE_URL FILE

`upload` uploads FILE as a part import and waits for its header step; `resume` starts the app on
data where session 1 waits to be resumed. Either prints the session's final JSON, or exits 3 when
the process ran out of memory.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
from pathlib import Path
from typing import Any

from storeroom.app import create_app
from storeroom.settings import load_settings
from tests.conftest import TEMPLATE_SETTINGS, started, token_for
from tests.importer.conftest import upload


async def run(
    mode: str, data_dir: Path, database_url: str, file: Path, content: bytes
) -> dict[str, Any]:
    settings = load_settings(
        environ={},
        data_dir=data_dir,
        database_url=database_url,
        **{**TEMPLATE_SETTINGS, "spare_tenant_schemas": 0, "currency_refresh_hours": 0.0},
    )
    async with started(create_app(settings)) as client:
        client.headers["Authorization"] = f"Token {await token_for(client, 'admin')}"
        pk = 1
        if mode == "upload":
            response = await upload(client, content, filename=file.name)
            pk = response.json()["pk"]
        # A loaded machine may take a while to start and sweep: waited for up to two minutes.
        for _ in range(1200):
            session: dict[str, Any] = (await client.get(f"/api/importer/session/{pk}/")).json()
            if session.get("status") in {10, 40}:
                return session
            await asyncio.sleep(0.1)
        return session


def main() -> None:
    cap, mode, data_dir, database_url, file = sys.argv[1:6]
    resource.setrlimit(resource.RLIMIT_AS, (int(cap), int(cap)))
    try:
        path = Path(file)
        content = path.read_bytes() if mode == "upload" else b""
        session = asyncio.run(run(mode, Path(data_dir), database_url, path, content))
    except MemoryError:
        sys.exit(3)
    print(json.dumps(session))


if __name__ == "__main__":
    main()
