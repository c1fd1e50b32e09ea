"""A file longer than one chunk: every chunk is validated, stored and imported, in order, once;
accept_rows of more than one chunk answers at once and the queue's workers import the rows."""

from __future__ import annotations

from tests.conftest import Client
from tests.importer.conftest import make_category, processed_session, wait_for_imported

# Longer than the chunks of accept_fields and accept_rows (5,000 rows each), not a multiple.
ROWS = 12_345


async def test_a_file_of_several_chunks_is_validated_and_imported_whole(client: Client) -> None:
    await make_category(client, "Bulk")
    lines = [f"Part {number},IPN-{number},Bulk,{number % 7}" for number in range(ROWS)]
    # One duplicate in the last chunk, of a row in the first.
    lines.append("Part 3,IPN-3,Bulk,1")
    content = "Name,IPN,Category,Minimum Stock\n" + "\n".join(lines) + "\n"
    session = await processed_session(client, content)
    assert (session["status"], session["row_count"]) == (30, ROWS + 1)
    pk = session["pk"]
    # In file order by row_index (on PostgreSQL two chunks are written at once, so their ids may
    # interleave).
    url = f"/api/importer/row/?session={pk}&valid=true&ordering=row_index"
    valid = (await client.get(url)).json()
    assert [row["row_index"] for row in valid] == list(range(ROWS))
    [bad] = (await client.get(f"/api/importer/row/?session={pk}&valid=false")).json()
    assert "duplicate of row 4" in bad["errors"]["non_field_errors"][0]
    ids = [row["pk"] for row in valid]
    url = f"/api/importer/session/{pk}/accept_rows/"
    accepted = await client.post(url, json={"rows": ids})
    assert accepted.status_code == 201, accepted.text
    assert accepted.json() == {"rows": ids}
    done = await wait_for_imported(client, pk, ROWS)
    assert (done["status"], done["completed_row_count"], done["error"]) == (30, ROWS, None)
    parts = (await client.get("/api/part/?limit=1&ordering=-pk")).json()
    assert parts["count"] == ROWS
    assert (parts["results"][0]["name"], parts["results"][0]["minimum_stock"]) == (
        f"Part {ROWS - 1}",
        float((ROWS - 1) % 7),
    )
    again = await client.post(url, json={"rows": ids[-3:]})
    assert again.status_code == 400
    listed = ", ".join(map(str, sorted(ids[-3:])))
    assert again.json()["rows"] == [f"Rows {listed} are already imported."]
