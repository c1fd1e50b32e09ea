"""The real `inventree` client drives an import session through its generic API calls."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from inventree.api import InvenTreeAPI
from inventree.part import Part

from tests.conftest import PASSWORD


def wait(api: InvenTreeAPI, pk: int, statuses: set[int]) -> dict[str, Any]:
    for _ in range(300):
        session: dict[str, Any] = api.get(f"importer/session/{pk}/")
        if session["status"] in statuses:
            return session
        time.sleep(0.05)
    raise AssertionError(session)


def test_inventree_client_imports_parts(live_server: str, tmp_path: Path) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    source = tmp_path / "parts.csv"
    source.write_text("Title,Description\nBolt,M3\nNut,M3\n")
    with source.open("rb") as handle:
        created = api.post("importer/session/", {"model_type": "part"}, files={"data_file": handle})
    session = wait(api, created["pk"], {10, 40})
    name = next(m for m in session["column_mappings"] if m["field"] == "name")
    api.patch(f"importer/column-mapping/{name['pk']}/", {"column": "Title"})
    api.post(f"importer/session/{session['pk']}/accept_fields/", {})
    wait(api, session["pk"], {30})
    rows = api.get("importer/row/", params={"session": session["pk"]})
    api.post(f"importer/session/{session['pk']}/accept_rows/", {"rows": [r["pk"] for r in rows]})
    assert wait(api, session["pk"], {40})["completed_row_count"] == 2
    assert sorted(part.name for part in Part.list(api)) == ["Bolt", "Nut"]
