"""The bare baseline for purchase order lines: `bare_inventory.py`'s app with
`GET /api/order/po-line/?limit=&offset=[&part_detail=true]` (pk order), authenticating the token as
bare_app does and reading the page's ids on the base table, then one join per related row
(supplier part, its manufacturer part and manufacturer, its part and the part's category and its
parent, the destination) for those rows only; `part_detail=true` adds the line's part in its brief
form and its supplier part, assembled in Python. Counts kept for COUNT_CACHE_SECONDS, a short page
counted by its length. SQLite and PostgreSQL. No dependency on storeroom: bench/orders_po_lines.py
checks that the bytes are storeroom's.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

import bare_app
import bare_inventory
import msgspec
from stock_bare_details import PART_BRIEF

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
    'sp."SKU", mp."MPN", p."IPN", sp.part, p.name{nested} '
    "FROM ({page}) AS pg JOIN {s}purchaseorderlineitem l ON l.id = pg.id "
    "LEFT JOIN {s}supplierpart sp ON sp.id = l.part "
    "LEFT JOIN {s}manufacturerpart mp ON mp.id = sp.manufacturer_part "
    "LEFT JOIN {s}part p ON p.id = sp.part "
    "LEFT JOIN {s}stocklocation d ON d.id = l.destination{joins} ORDER BY pg.id"
)
# With part_detail: the part's brief form (20 values, as bench/stock_bare_details.py reads them)
# and the supplier part (15).
NESTED = (
    ', p.id, p."IPN", p.barcode_hash, coalesce(pc.default_location, pcp.default_location), '
    "p.default_location, p.name, p.revision, p.description, p.image, p.active, p.locked, "
    "p.assembly, p.component, p.is_template, p.purchaseable, p.salable, p.testable, "
    'p.trackable, p."virtual", p.units, '
    "sp.id, sp.description, "
    "(SELECT coalesce(sum(i.quantity), 0.0) FROM {s}stockitem i WHERE i.supplier_part = sp.id), "
    'sp.link, sp.active, mc.name, sp.manufacturer_part, mp."MPN", sp.note, sp.packaging, '
    'sp.pack_quantity, sp.part, sp."SKU", sp.supplier, sp.notes'
)
NESTED_JOINS = (
    " LEFT JOIN {s}partcategory pc ON pc.id = p.category "
    "LEFT JOIN {s}partcategory pcp ON pcp.id = pc.parent "
    "LEFT JOIN {s}company mc ON mc.id = mp.manufacturer"
)
SUPPLIER_PART_FIELDS = [
    "pk",
    "description",
    "in_stock",
    "link",
    "active",
    "manufacturer",
    "manufacturer_part",
    "MPN",
    "note",
    "packaging",
    "pack_quantity",
    "part",
    "SKU",
    "supplier",
    "notes",
]
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
        values = list(row[: len(LINE_FIELDS)])
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
        detailed = params.get("part_detail", "").lower() in {"true", "1"}
        dialect["nested"] = NESTED if detailed else ""
        dialect["joins"] = NESTED_JOINS if detailed else ""
        text = LINE_SQL
        for name, value in dialect.items():
            text = text.replace("{" + name + "}", value)
        sql = self.sql(text, page=page)
        rows = await self.database.fetch(False, sql, take, skip)
        if rows and len(rows) < limit:
            count = offset + len(rows)
        else:
            count = await self.cached_count(("poline",), self.sql(COUNT))
        lines = [self.with_parts(row) if detailed else self.line(row) for row in rows]
        return self.envelope(scope, headers, params, count, lines)

    def with_parts(self, row: Any) -> dict[str, Any]:
        found = self.line(row)
        start = len(LINE_FIELDS)
        part, supplier_part = list(row[start : start + 20]), list(row[start + 20 :])
        if part[0] is None:
            found["part_detail"] = None
        else:
            pk, ipn, barcode, category_location, default_location, name, revision = part[:7]
            description, image, *flags, units = part[7:]
            brief = [pk, ipn, barcode, category_location, default_location, name, revision]
            brief += [bare_inventory.full_name(ipn, name, revision), description, image]
            brief += [bare_inventory.thumbnail(image), *map(self.flag, flags), units]
            found["part_detail"] = dict(zip(PART_BRIEF, brief, strict=True))
        if supplier_part[0] is None:
            found["supplier_part_detail"] = None
            return found
        supplier_part[4] = self.flag(supplier_part[4])
        # JSON built by PostgreSQL writes a whole float as an integer (0, not 0.0).
        stocked = float(supplier_part[2])
        supplier_part[2] = (
            int(stocked) if self.kind != "sqlite" and stocked.is_integer() else stocked
        )
        found["supplier_part_detail"] = dict(zip(SUPPLIER_PART_FIELDS, supplier_part, strict=True))
        return found


app = BarePurchaseLinesApp()
