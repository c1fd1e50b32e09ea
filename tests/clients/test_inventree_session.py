"""One realistic session of the real `inventree` package against a running storeroom: connect,
build a small inventory, attach a drawing and fetch it back, keep metadata, import locations from
a spreadsheet and read the status codes a client shows."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

from inventree.api import InvenTreeAPI
from inventree.part import Part, PartCategory
from inventree.stock import StockItem, StockLocation

from tests.conftest import PASSWORD


def finished(api: InvenTreeAPI, session: int, statuses: set[int]) -> dict[str, Any]:
    for _ in range(600):
        found: dict[str, Any] = api.get(f"importer/session/{session}/")
        if found["status"] in statuses:
            return found
        time.sleep(0.05)
    raise AssertionError(f"import session stuck: {found}")


def test_a_realistic_client_session(live_server: str, tmp_path: Path) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=30)
    assert api.api_version >= 264

    # A small inventory.
    mechanical = PartCategory.create(api, {"name": "Mechanical", "description": "Bits"})
    bolt = Part.create(api, {"name": "M4 bolt", "category": mechanical.pk, "IPN": "B-M4"})
    bin_a = StockLocation.create(api, {"name": "Bin A"})
    [item] = StockItem.create(api, {"part": bolt.pk, "quantity": 40, "location": bin_a.pk})
    assert Part(api, pk=bolt.pk).in_stock == 40

    # A drawing attached to the part, listed and downloaded byte for byte.
    drawing = tmp_path / "bolt.pdf"
    drawing.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 64)
    bolt.uploadAttachment(str(drawing), comment="dimensions")
    (attachment,) = bolt.getAttachments()
    assert (attachment.filename, attachment.comment) == ("bolt.pdf", "dimensions")
    (tmp_path / "fetched").mkdir()
    assert attachment.download(str(tmp_path / "fetched"))
    fetched = (tmp_path / "fetched" / "bolt.pdf").read_bytes()
    assert hashlib.sha256(fetched).digest() == hashlib.sha256(drawing.read_bytes()).digest()

    # Metadata merged, then replaced.
    bolt.setMetadata({"supplier_ref": "X-1"})
    bolt.setMetadata({"colour": "zinc"})
    assert bolt.getMetadata() == {"supplier_ref": "X-1", "colour": "zinc"}
    bolt.setMetadata({"colour": "black"}, overwrite=True)
    assert bolt.getMetadata() == {"colour": "black"}

    # Locations imported from a spreadsheet, under an existing parent given by name.
    sheet = tmp_path / "locations.csv"
    sheet.write_text("Name,Description,Parent\nShelf 1,Top,Bin A\nShelf 2,Bottom,Bin A\n")
    with sheet.open("rb") as handle:
        created = api.post(
            "importer/session/", {"model_type": "stocklocation"}, files={"data_file": handle}
        )
    session = finished(api, created["pk"], {10})
    mapped = {mapping["field"]: mapping["column"] for mapping in session["column_mappings"]}
    assert (mapped["name"], mapped["description"], mapped["parent"]) == (
        "Name",
        "Description",
        "Parent",
    )
    api.post(f"importer/session/{session['pk']}/accept_fields/", {})
    finished(api, session["pk"], {30})
    rows = api.get("importer/row/", params={"session": session["pk"]})
    assert all(row["valid"] for row in rows), rows
    api.post(f"importer/session/{session['pk']}/accept_rows/", {"rows": [r["pk"] for r in rows]})
    assert finished(api, session["pk"], {40})["completed_row_count"] == 2
    shelves = StockLocation.list(api, parent=bin_a.pk)
    assert sorted(shelf.pathstring for shelf in shelves) == ["Bin A/Shelf 1", "Bin A/Shelf 2"]

    # The status codes a client shows next to a stock item.
    stock_status = api.get("generic/status/StockStatus/")
    assert stock_status["class"] == "StockStatus"
    labels = {value["key"]: value["label"] for value in stock_status["values"].values()}
    assert labels[StockItem(api, pk=item.pk).status] == "OK"
