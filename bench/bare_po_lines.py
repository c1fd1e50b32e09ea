"""The bare baseline for purchase order lines: `bare_inventory.py`'s app with
`GET /api/order/po-line/?limit=&offset=` (pk order), authenticating the token as bare_app does and
reading the page's ids on the base table, then one join per related row (supplier part, its
manufacturer part, its part, the destination) for those rows only; counts kept for
COUNT_CACHE_SECONDS, a short page counted by its length. `part_detail` is ignored, as storeroom
ignores it (no `*_detail` expansion on request yet). SQLite and PostgreSQL. No dependency on
storeroom: bench/orders_po_lines.py checks that the bytes are storeroom's.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

import bare_app
import bare_inventory
import msgspec

LINE_FIELDS = [
    "pk",
    "part",
    "quantity",
    "reference",
    "notes",
    "order",
    "target_date",
    "link",
    "received",
    "purchase_price",
    "purchase_price_currency",
    "auto_pricing",
    "destination",
    "destination_detail",
    "total_price",
    "overdue",
    "sku",
    "mpn",
    "ipn",
    "internal_part",
    "internal_part_name",
]
DETAIL = {
    "sqlite": "json_object('pk', d.id, 'name', d.name, 'pathstring', d.pathstring)",
    "postgres": "json_build_object('pk', d.id, 'name', d.name, 'pathstring', d.pathstring)",
}
LINE_SQL = (
    'SELECT l.id, l.part, l.quantity, l.reference, l.notes, l."order", l.target_date, l.link, '
    "l.received, l.purchase_price, l.purchase_price_currency, l.auto_pricing, l.destination, "
    "CASE WHEN d.id IS NULL THEN NULL ELSE {detail} END, "
    "CAST(l.purchase_price * l.quantity AS {float}), "
    "(l.received < l.quantity AND l.target_date IS NOT NULL AND l.target_date < {today}), "
    'sp."SKU", mp."MPN", p."IPN", sp.part, p.name '
    "FROM ({page}) AS pg JOIN {s}purchaseorderlineitem l ON l.id = pg.id "
    "LEFT JOIN {s}supplierpart sp ON sp.id = l.part "
    "LEFT JOIN {s}manufacturerpart mp ON mp.id = sp.manufacturer_part "
    "LEFT JOIN {s}part p ON p.id = sp.part "
    "LEFT JOIN {s}stocklocation d ON d.id = l.destination ORDER BY pg.id"
)
PAGE = "SELECT id FROM {s}purchaseorderlineitem ORDER BY id LIMIT ? OFFSET ?"
COUNT = "SELECT count(*) FROM {s}purchaseorderlineitem"


class BarePurchaseLinesApp(bare_inventory.BareInventoryApp):
    async def respond(self, scope: bare_app.Scope) -> bytes:
        if scope["path"] != "/api/order/po-line/":
            return await super().respond(scope)
        headers = dict(scope["headers"])
        if await self.authenticate(headers) is None:
            raise bare_app.HttpError(401, "Authentication credentials were not provided.")
        return msgspec.json.encode(await self.line_page(scope, headers))

    def line(self, row: Any) -> dict[str, Any]:
        values = list(row)
        if values[9] is not None:
            values[9] = f"{values[9]:.5f}"
        if self.kind == "sqlite":
            values[11], values[15] = bool(values[11]), bool(values[15])
        if isinstance(values[13], str | bytes):
            values[13] = msgspec.json.decode(values[13])
        if values[6] is not None:
            values[6] = str(values[6])
        return dict(zip(LINE_FIELDS, values, strict=True))

    async def line_page(self, scope: bare_app.Scope, headers: dict[bytes, bytes]) -> Any:
        params = dict(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True))
        limit, offset = int(params.get("limit") or 0), int(params.get("offset") or 0)
        page, take, skip = self.placed(PAGE, ("poline",), limit, offset)
        dialect = {
            "detail": DETAIL[self.kind],
            "float": "REAL" if self.kind == "sqlite" else "FLOAT",
            "today": "date('now')" if self.kind == "sqlite" else "CURRENT_DATE",
        }
        text = LINE_SQL
        for name, value in dialect.items():
            text = text.replace("{" + name + "}", value)
        sql = self.sql(text, page=page)
        rows = await self.database.fetch(False, sql, take, skip)
        if rows and len(rows) < limit:
            count = offset + len(rows)
        else:
            count = await self.cached_count(("poline",), self.sql(COUNT))
        return self.envelope(scope, headers, params, count, [self.line(row) for row in rows])


app = BarePurchaseLinesApp()
