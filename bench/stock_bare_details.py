"""The bare baseline for `GET /api/stock/?limit=25&part_detail=true&location_detail=true` (issue
#16): `bare_inventory.py`'s app, whose stock page here answers every field storeroom answers for
an item now, with its part's brief form and its location's: the page's ids chosen on the base
table, then one row per item with its part, location, supplier part and orders joined, the counts
and allocations as subqueries, and the nested objects assembled in Python. No dependency on
storeroom: the bytes out are storeroom's (bench/stock_details.py checks them).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

import bare_app
import bare_inventory
import msgspec

PART_BRIEF = [
    "pk",
    "IPN",
    "barcode_hash",
    "category_default_location",
    "default_location",
    "name",
    "revision",
    "full_name",
    "description",
    "image",
    "thumbnail",
    "active",
    "locked",
    "assembly",
    "component",
    "is_template",
    "purchaseable",
    "salable",
    "testable",
    "trackable",
    "virtual",
    "units",
]
DETAILED_SQL = (
    "SELECT {columns}, "
    'p.id, p."IPN", p.barcode_hash, coalesce(pc.default_location, pcp.default_location), '
    "p.default_location, p.name, p.revision, p.description, p.image, p.active, p.locked, "
    "p.assembly, p.component, p.is_template, p.purchaseable, p.salable, p.testable, "
    'p.trackable, p."virtual", p.units, l.id, l.pathstring '
    "FROM ({page}) AS pg JOIN {s}stockitem s ON s.id = pg.id "
    "JOIN {s}part p ON p.id = s.part "
    "LEFT JOIN {s}partcategory pc ON pc.id = p.category "
    "LEFT JOIN {s}partcategory pcp ON pcp.id = pc.parent "
    "{joins} ORDER BY pg.id"
)
PAGE_SQL = "SELECT id FROM {s}stockitem ORDER BY id LIMIT ? OFFSET ?"
COUNT_SQL = "SELECT count(*) FROM {s}stockitem"


class BareStockDetails(bare_inventory.BareInventoryApp):
    async def respond(self, scope: bare_app.Scope) -> bytes:
        query = scope["query_string"].decode("latin-1")
        if scope["path"] != "/api/stock/" or "part_detail" not in query:
            return await super().respond(scope)
        headers = dict(scope["headers"])
        if await self.authenticate(headers) is None:
            raise bare_app.HttpError(401, "Authentication credentials were not provided.")
        params = dict(parse_qsl(query, keep_blank_values=True))
        limit, offset = int(params.get("limit") or 0), int(params.get("offset") or 0)
        key = ("stock-details",)
        page, take, skip = self.placed(PAGE_SQL, key, limit, offset)
        rows = await self.database.fetch(
            False,
            self.sql(
                DETAILED_SQL,
                page=page,
                columns=bare_inventory.STOCK_COLUMNS,
                joins=bare_inventory.STOCK_JOINS,
            ),
            take,
            skip,
        )
        if rows and len(rows) < limit:
            count = offset + len(rows)
        else:
            count = await self.cached_count(key, self.sql(COUNT_SQL))
        results = [self.detailed(row) for row in rows]
        return msgspec.json.encode(self.envelope(scope, headers, params, count, results))

    def detailed(self, row: Any) -> dict[str, Any]:
        found = self.stock(row)
        part, place = list(row[37:57]), row[57:]
        pk, ipn, barcode, category_location, default_location, name, revision = part[:7]
        description, image, *flags, units = part[7:]
        brief = [pk, ipn, barcode, category_location, default_location, name, revision]
        brief += [bare_inventory.full_name(ipn, name, revision), description, image]
        brief += [bare_inventory.thumbnail(image), *map(self.flag, flags), units]
        found["part_detail"] = dict(zip(PART_BRIEF, brief, strict=True))
        found["location_detail"] = (
            None if place[0] is None else {"pk": place[0], "name": row[4], "pathstring": place[1]}
        )
        return found


app = BareStockDetails()
