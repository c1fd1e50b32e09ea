"""The bare baseline for the inventory lists: `bare_app.py` with the part and stock endpoints.

`GET /api/part/` (default ordering by name, `?category=`, `?search=<one term>&ordering=name`),
`GET /api/part/{id}/` and `GET /api/stock/` (by pk, `?location=`) authenticate the token as
bare_app does, then run the best SQL this author could write for the same answer: the page's ids
chosen on the base table, then one join per related name and one subquery per count for those
rows only (a part's stock total read once, where storeroom reads it twice); search through the
FTS5 table on SQLite and ILIKE over the pg_trgm-indexed columns on PostgreSQL; counts kept for
COUNT_CACHE_SECONDS, and a short page counted by its length. No dependency on storeroom: the
bytes out are storeroom's (bench/inventory.py checks them).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode

import bare_app
import msgspec

PART_FIELDS = [
    "pk",
    "name",
    "description",
    "IPN",
    "revision",
    "keywords",
    "category",
    "category_name",
    "default_location",
    "default_expiry",
    "minimum_stock",
    "units",
    "link",
    "variant_of",
    "revision_of",
    "active",
    "assembly",
    "component",
    "is_template",
    "locked",
    "purchaseable",
    "salable",
    "testable",
    "trackable",
    "virtual",
    "creation_date",
]
PART_BOOLS = range(15, 25)
PART_SQL = (
    'SELECT p.id, p.name, p.description, p."IPN", p.revision, p.keywords, p.category, c.name, '
    "p.default_location, p.default_expiry, p.minimum_stock, p.units, p.link, p.variant_of, "
    "p.revision_of, p.active, p.assembly, p.component, p.is_template, p.locked, p.purchaseable, "
    'p.salable, p.testable, p.trackable, p."virtual", p.creation_date, '
    "(SELECT coalesce(sum(s.quantity), 0.0) FROM {s}stockitem s WHERE s.part = p.id), "
    "(SELECT count(*) FROM {s}stockitem s WHERE s.part = p.id), "
    "(SELECT count(*) FROM {s}supplierpart sp WHERE sp.part = p.id), "
    "(SELECT count(*) FROM {s}part r WHERE r.revision_of = p.id) "
    "FROM ({page}) AS pg JOIN {s}part p ON p.id = pg.id "
    "LEFT JOIN {s}partcategory c ON c.id = p.category ORDER BY pg.sort, pg.id"
)
PART_PAGES = {
    "all": "SELECT id, name AS sort FROM {s}part ORDER BY name, id LIMIT ? OFFSET ?",
    "category": "SELECT id, name AS sort FROM {s}part WHERE category = ? "
    "ORDER BY name, id LIMIT ? OFFSET ?",
    "detail": "SELECT id, name AS sort FROM {s}part WHERE id = ?",
}
PART_SEARCH = {
    "sqlite": "SELECT id, name AS sort FROM {s}part WHERE id IN "
    "(SELECT rowid FROM part_search WHERE part_search MATCH ?) ORDER BY name, id LIMIT ? OFFSET ?",
    "postgres": "SELECT id, name AS sort FROM {s}part WHERE name ILIKE ? OR description ILIKE ? "
    'OR "IPN" ILIKE ? OR keywords ILIKE ? ORDER BY name, id LIMIT ? OFFSET ?',
}
PART_COUNTS = {
    "all": "SELECT count(*) FROM {s}part",
    "category": "SELECT count(*) FROM {s}part WHERE category = ?",
    "sqlite": "SELECT count(*) FROM part_search WHERE part_search MATCH ?",
    "postgres": "SELECT count(*) FROM {s}part WHERE name ILIKE ? OR description ILIKE ? "
    'OR "IPN" ILIKE ? OR keywords ILIKE ?',
}
STOCK_FIELDS = [
    "pk",
    "part",
    "quantity",
    "location",
    "location_name",
    "serial",
    "batch",
    "status",
    "status_text",
    "status_custom_key",
    "packaging",
    "link",
    "notes",
    "expiry_date",
    "purchase_price",
    "purchase_price_currency",
    "delete_on_deplete",
    "is_building",
    "updated",
    "supplier_part",
    "sku",
    "purchase_order",
    "purchase_order_reference",
    "sales_order",
    "sales_order_reference",
    "build",
    "customer",
    "consumed_by",
    "belongs_to",
    "installed_items",
    "tracking_items",
]
STOCK_SQL = (
    "SELECT s.id, s.part, s.quantity, s.location, l.name, s.serial, s.batch, s.status, "
    "s.status_custom_key, s.packaging, s.link, s.notes, s.expiry_date, s.purchase_price, "
    "s.purchase_price_currency, s.delete_on_deplete, s.is_building, s.updated, s.supplier_part, "
    'sp."SKU", s.purchase_order, po.reference, s.sales_order, so.reference, s.build, s.customer, '
    "s.consumed_by, s.belongs_to, "
    "(SELECT count(*) FROM {s}stockitem i WHERE i.belongs_to = s.id), "
    "(SELECT count(*) FROM {s}stockitemtracking t WHERE t.item = s.id) "
    "FROM ({page}) AS pg JOIN {s}stockitem s ON s.id = pg.id "
    "LEFT JOIN {s}stocklocation l ON l.id = s.location "
    "LEFT JOIN {s}supplierpart sp ON sp.id = s.supplier_part "
    "LEFT JOIN {s}purchaseorder po ON po.id = s.purchase_order "
    "LEFT JOIN {s}salesorder so ON so.id = s.sales_order ORDER BY pg.id"
)
STOCK_PAGES = {
    "all": "SELECT id FROM {s}stockitem ORDER BY id LIMIT ? OFFSET ?",
    "location": "SELECT id FROM {s}stockitem WHERE location = ? ORDER BY id LIMIT ? OFFSET ?",
}
STOCK_COUNTS = {
    "all": "SELECT count(*) FROM {s}stockitem",
    "location": "SELECT count(*) FROM {s}stockitem WHERE location = ?",
}
# InvenTree's StockStatus labels.
STOCK_STATUS = {
    10: "OK",
    50: "Attention needed",
    55: "Damaged",
    60: "Destroyed",
    65: "Rejected",
    70: "Lost",
    75: "Quarantined",
    85: "Returned",
}


def backwards(sql: str) -> str:
    """The page query with its ordering flipped: a page in a list's second half is read from the
    end (the outer query puts its rows back in order), as storeroom reads it."""
    return sql.replace("ORDER BY name, id", "ORDER BY name DESC, id DESC").replace(
        "ORDER BY id LIMIT", "ORDER BY id DESC LIMIT"
    )


def numbered(sql: str) -> str:
    """`?` placeholders as asyncpg's `$1, $2, ...` (no `?` appears in these statements' text)."""
    pieces = sql.split("?")
    return pieces[0] + "".join(f"${index}{piece}" for index, piece in enumerate(pieces[1:], 1))


def sqlite_bool(value: Any) -> Any:
    return bool(value) if isinstance(value, int) else value


def moment(value: Any) -> Any:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class BareInventoryApp(bare_app.BareApp):
    def __init__(self) -> None:
        super().__init__()
        self.kind = "postgres" if self.database.url else "sqlite"
        self.schema = '"acct' + bare_app.ACCOUNT + '".' if self.database.url else ""
        self.counts: dict[tuple[Any, ...], tuple[float, int]] = {}

    def sql(self, text: str, **parts: str) -> str:
        built = text.format(s=self.schema, **{k: v.format(s=self.schema) for k, v in parts.items()})
        return numbered(built) if self.kind == "postgres" else built

    async def respond(self, scope: bare_app.Scope) -> bytes:
        path = scope["path"]
        if not path.startswith(("/api/part/", "/api/stock/")):
            return await super().respond(scope)
        headers = dict(scope["headers"])
        if await self.authenticate(headers) is None:
            raise bare_app.HttpError(401, "Authentication credentials were not provided.")
        if path == "/api/stock/":
            return msgspec.json.encode(await self.stock_page(scope, headers))
        if path == "/api/part/":
            return msgspec.json.encode(await self.part_page(scope, headers))
        rows = await self.database.fetch(
            False, self.sql(PART_SQL, page=PART_PAGES["detail"]), int(path.split("/")[3])
        )
        if not rows:
            raise bare_app.HttpError(404, "Not found.")
        return msgspec.json.encode(self.part(rows[0]))

    def part(self, row: Any) -> dict[str, Any]:
        values = list(row)
        if self.kind == "sqlite":
            for index in PART_BOOLS:
                values[index] = sqlite_bool(values[index])
        total, items, suppliers, revisions = values[26:]
        found = dict(zip(PART_FIELDS, values[:26], strict=True))
        found.update(
            in_stock=total,
            total_in_stock=total,
            stock_item_count=items,
            suppliers=suppliers,
            revision_count=revisions,
        )
        return found

    def stock(self, row: Any) -> dict[str, Any]:
        values = list(row)
        values.insert(8, STOCK_STATUS.get(values[7]))
        if self.kind == "sqlite":
            values[16], values[17] = sqlite_bool(values[16]), sqlite_bool(values[17])
        values[18] = moment(values[18])
        return dict(zip(STOCK_FIELDS, values, strict=True))

    def known_count(self, key: tuple[Any, ...]) -> int | None:
        expires, count = self.counts.get(key, (0.0, 0))
        return count if expires >= time.monotonic() else None

    def placed(
        self, page: str, key: tuple[Any, ...], limit: int, offset: int
    ) -> tuple[str, int, int]:
        """The page query, limit and offset: from the list's end when its count is known and
        the page lies in its second half."""
        count = self.known_count(key)
        if count is None or not count // 2 < offset < count:
            return page, limit, offset
        take = min(limit, count - offset)
        return backwards(page), take, count - offset - take

    async def cached_count(self, key: tuple[Any, ...], sql: str, *arguments: Any) -> int:
        expires, count = self.counts.get(key, (0.0, 0))
        if expires >= time.monotonic():
            return count
        count = int((await self.database.fetch(False, sql, *arguments))[0][0])
        self.counts[key] = (time.monotonic() + bare_app.COUNT_CACHE_SECONDS, count)
        return count

    async def part_page(self, scope: bare_app.Scope, headers: dict[bytes, bytes]) -> Any:
        params = dict(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True))
        limit, offset = int(params.get("limit") or 0), int(params.get("offset") or 0)
        term = params.get("search", "").strip()
        if term:
            page, counted = PART_SEARCH[self.kind], PART_COUNTS[self.kind]
            matched = [f'"{term}"'] if self.kind == "sqlite" else [like(term)] * 4
            key: tuple[Any, ...] = ("search", term)
        elif "category" in params:
            page, counted = PART_PAGES["category"], PART_COUNTS["category"]
            matched, key = [int(params["category"])], ("category", params["category"])
        else:
            page, counted, matched, key = PART_PAGES["all"], PART_COUNTS["all"], [], ("all",)
        page, take, skip = self.placed(page, ("part", *key), limit, offset)
        sql = self.sql(PART_SQL, page=page)
        rows = await self.database.fetch(False, sql, *matched, take, skip)
        if rows and len(rows) < limit:
            count = offset + len(rows)
        else:
            count = await self.cached_count(("part", *key), self.sql(counted), *matched)
        return self.envelope(scope, headers, params, count, [self.part(row) for row in rows])

    async def stock_page(self, scope: bare_app.Scope, headers: dict[bytes, bytes]) -> Any:
        params = dict(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True))
        limit, offset = int(params.get("limit") or 0), int(params.get("offset") or 0)
        chosen = "location" if "location" in params else "all"
        matched = [int(params["location"])] if chosen == "location" else []
        key = ("stock", chosen, *matched)
        page, take, skip = self.placed(STOCK_PAGES[chosen], key, limit, offset)
        rows = await self.database.fetch(
            False, self.sql(STOCK_SQL, page=page), *matched, take, skip
        )
        if rows and len(rows) < limit:
            count = offset + len(rows)
        else:
            count = await self.cached_count(key, self.sql(STOCK_COUNTS[chosen]), *matched)
        return self.envelope(scope, headers, params, count, [self.stock(row) for row in rows])

    def envelope(
        self,
        scope: bare_app.Scope,
        headers: dict[bytes, bytes],
        params: dict[str, str],
        count: int,
        results: list[dict[str, Any]],
    ) -> dict[str, Any]:
        limit, offset = int(params.get("limit") or 0), int(params.get("offset") or 0)
        host = headers.get(b"host", b"").decode("latin-1")
        base = f"{scope['scheme']}://{host}{scope['path']}?"

        def link(page_offset: int | None) -> str:
            linked = {**params, "limit": str(limit), "offset": str(page_offset)}
            if page_offset is None:
                del linked["offset"]
            return base + urlencode(linked)

        previous = None if offset <= 0 else link(max(0, offset - limit) or None)
        return {
            "count": count,
            "next": link(offset + limit) if offset + limit < count else None,
            "previous": previous,
            "results": results,
        }


app = BareInventoryApp()
