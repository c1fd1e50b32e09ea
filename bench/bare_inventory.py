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
from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
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
PART_TAIL = [
    "image",
    "creation_user",
    "default_supplier",
    "responsible",
    "barcode_hash",
    "last_stocktake",
    "tags",
    "pricing_min",
    "pricing_max",
    "pricing_updated",
]
BLANK_THUMBNAIL = "/static/img/blank_image.thumbnail.png"
IMAGE_FOLDER = len("/api/part/image/") + 33
# InvenTree's "in stock": the stock item conditions of a part's totals.
IN_STOCK = (
    "s.quantity > 0 AND s.belongs_to IS NULL AND s.customer IS NULL "
    "AND s.consumed_by IS NULL AND s.sales_order IS NULL "
    "AND NOT coalesce(s.is_building, false) AND s.status IN (10, 50, 55)"
)
# Open orders and builds (InvenTree's PurchaseOrderStatusGroups.OPEN, SalesOrder's, Build's).
PART_SQL = (
    'SELECT p.id, p.name, p.description, p."IPN", p.revision, p.keywords, p.category, c.name, '
    "p.default_location, p.default_expiry, p.minimum_stock, p.units, p.link, p.variant_of, "
    "p.revision_of, p.active, p.assembly, p.component, p.is_template, p.locked, p.purchaseable, "
    'p.salable, p.testable, p.trackable, p."virtual", p.creation_date, '
    "(SELECT coalesce(sum(s.quantity), 0) FROM {s}stockitem s WHERE s.part = p.id AND {in_stock}), "
    "(SELECT coalesce(sum(s.quantity), 0) FROM {s}part v JOIN {s}stockitem s "
    "ON s.part = v.id WHERE v.variant_of = p.id AND {in_stock}), "
    "(SELECT coalesce(sum(s.quantity), 0) FROM {s}stockitem s "
    "JOIN {s}stocklocation l ON l.id = s.location "
    "WHERE s.part = p.id AND l.external AND {in_stock}), "
    "(SELECT coalesce(sum(a.quantity), 0) FROM {s}stockitem s "
    "JOIN {s}salesorderallocation a ON a.item = s.id "
    "JOIN {s}salesorderlineitem sl ON sl.id = a.line "
    'JOIN {s}salesorder so ON so.id = sl."order" '
    "LEFT JOIN {s}salesordershipment sh ON sh.id = a.shipment "
    "WHERE s.part = p.id AND so.status IN (10, 15, 25) AND sh.shipment_date IS NULL), "
    "(SELECT coalesce(sum(bi.quantity), 0) FROM {s}stockitem s "
    "JOIN {s}build_item bi ON bi.stock_item = s.id "
    "JOIN {s}build_line bl ON bl.id = bi.build_line JOIN {s}build b ON b.id = bl.build "
    "WHERE s.part = p.id AND b.status IN (10, 20, 25)), "
    "(SELECT coalesce(sum(pl.quantity - pl.received), 0) FROM {s}supplierpart sp "
    "JOIN {s}purchaseorderlineitem pl ON pl.part = sp.id "
    'JOIN {s}purchaseorder po ON po.id = pl."order" WHERE sp.part = p.id '
    "AND po.status IN (10, 20, 25) AND pl.quantity > pl.received), "
    "(SELECT coalesce(sum(b.quantity), 0) FROM {s}build b "
    "WHERE b.part = p.id AND b.status IN (10, 20, 25)), "
    "CAST((SELECT coalesce(sum(bl.quantity), 0) FROM {s}bomitem bo "
    "JOIN {s}build_line bl ON bl.bom_item = bo.id JOIN {s}build b ON b.id = bl.build "
    "WHERE bo.sub_part = p.id AND b.status IN (10, 20, 25)) AS INTEGER), "
    "CAST((SELECT coalesce(sum(sl.quantity - sl.shipped), 0) FROM {s}salesorderlineitem sl "
    'JOIN {s}salesorder so ON so.id = sl."order" '
    "WHERE sl.part = p.id AND so.status IN (10, 15, 25)) AS INTEGER), "
    "(SELECT count(*) FROM {s}stockitem s WHERE s.part = p.id), "
    "(SELECT count(*) FROM {s}supplierpart sp WHERE sp.part = p.id), "
    "(SELECT count(*) FROM {s}part r WHERE r.revision_of = p.id), "
    "coalesce(c.default_location, cp.default_location), p.image, p.creation_user, "
    "p.default_supplier, p.responsible, p.barcode_hash, p.last_stocktake, p.tags, "
    "p.pricing_min, p.pricing_max, p.pricing_updated "
    "FROM ({page}) AS pg JOIN {s}part p ON p.id = pg.id "
    "LEFT JOIN {s}partcategory c ON c.id = p.category "
    "LEFT JOIN {s}partcategory cp ON cp.id = c.parent ORDER BY pg.sort, pg.id"
)
STARS_SQL = 'SELECT part FROM {s}partstar WHERE "user" = ?'
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
    "child_items",
    "allocated",
    "expired",
    "stale",
    "parent",
    "stocktake_date",
    "owner",
    "barcode_hash",
    "tags",
]
# A stock item's columns (37 of them: the status label and the expiry flags come in Python),
# and the joins they read; bench/stock_bare_details.py adds its part's and location's.
STOCK_COLUMNS = (
    "s.id, s.part, s.quantity, s.location, l.name, s.serial, s.batch, s.status, "
    "s.status_custom_key, s.packaging, s.link, s.notes, s.expiry_date, s.purchase_price, "
    "s.purchase_price_currency, s.delete_on_deplete, s.is_building, s.updated, s.supplier_part, "
    'sp."SKU", s.purchase_order, po.reference, s.sales_order, so.reference, s.build, s.customer, '
    "s.consumed_by, s.belongs_to, "
    "(SELECT count(*) FROM {s}stockitem i WHERE i.belongs_to = s.id), "
    "(SELECT count(*) FROM {s}stockitemtracking t WHERE t.item = s.id), "
    "(SELECT count(*) FROM {s}stockitem c WHERE c.parent = s.id), "
    "(SELECT coalesce(sum(b.quantity), 0.0) FROM {s}build_item b WHERE b.stock_item = s.id) + "
    "(SELECT coalesce(sum(a.quantity), 0.0) FROM {s}salesorderallocation a WHERE a.item = s.id), "
    "s.parent, s.stocktake_date, s.owner, s.barcode_hash, s.tags"
)
STOCK_JOINS = (
    "LEFT JOIN {s}stocklocation l ON l.id = s.location "
    "LEFT JOIN {s}supplierpart sp ON sp.id = s.supplier_part "
    "LEFT JOIN {s}purchaseorder po ON po.id = s.purchase_order "
    "LEFT JOIN {s}salesorder so ON so.id = s.sales_order"
)
STOCK_SQL = (
    "SELECT {columns} FROM ({page}) AS pg JOIN {s}stockitem s ON s.id = pg.id "
    "{joins} ORDER BY pg.id"
)
STOCK_PAGES = {
    "all": "SELECT id FROM {s}stockitem ORDER BY id LIMIT ? OFFSET ?",
    "location": "SELECT id FROM {s}stockitem WHERE location = ? ORDER BY id LIMIT ? OFFSET ?",
}
STOCK_COUNTS = {
    "all": "SELECT count(*) FROM {s}stockitem",
    "location": "SELECT count(*) FROM {s}stockitem WHERE location = ?",
}
AVAILABLE = (10, 50, 55)
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


def as_date(value: Any) -> Any:
    return date.fromisoformat(value) if isinstance(value, str) else value


def as_decimal(value: Any) -> Any:
    return value if value is None or isinstance(value, Decimal) else Decimal(str(value))


def tags_of(value: Any) -> Any:
    return msgspec.json.decode(value) if isinstance(value, str) else value


def full_name(ipn: Any, name: str, revision: Any) -> str:
    return (f"{ipn} | " if ipn else "") + name + (f" | {revision}" if revision else "")


def thumbnail(image: Any) -> str:
    return image[:IMAGE_FOLDER] + "thumbnail.png" if image else BLANK_THUMBNAIL


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
        user = await self.identify(headers)
        if user is None:
            raise bare_app.HttpError(401, "Authentication credentials were not provided.")
        if path == "/api/stock/":
            return msgspec.json.encode(await self.stock_page(scope, headers))
        if path == "/api/part/":
            return msgspec.json.encode(await self.part_page(scope, headers, user[0]))
        rows = await self.database.fetch(
            False,
            self.sql(PART_SQL, page=PART_PAGES["detail"], in_stock=IN_STOCK),
            int(path.split("/")[3]),
        )
        if not rows:
            raise bare_app.HttpError(404, "Not found.")
        return msgspec.json.encode((await self.parts(rows, user[0]))[0])

    def flag(self, value: Any) -> Any:
        return sqlite_bool(value) if self.kind == "sqlite" else value

    async def parts(self, rows: Sequence[Any], user: int) -> list[dict[str, Any]]:
        """The parts of the rows, each starred or not for the caller (one read of their stars)."""
        if not rows:
            return []
        starred = {row[0] for row in await self.database.fetch(False, self.sql(STARS_SQL), user)}
        return [self.part(row, row[0] in starred) for row in rows]

    def part(self, row: Any, starred: bool) -> dict[str, Any]:
        values = list(row)
        for index in PART_BOOLS:
            values[index] = self.flag(values[index])
        values[25] = as_date(values[25])
        own, variants, external, to_sales, to_builds, ordering, building = map(float, values[26:33])
        found = dict(zip(PART_FIELDS, values[:26], strict=True))
        image, *tail = values[39:]
        found.update(
            full_name=full_name(values[3], values[1], values[4]),
            in_stock=own,
            total_in_stock=own + variants,
            variant_stock=variants,
            external_stock=external,
            unallocated_stock=own + variants - to_sales - to_builds,
            allocated_to_build_orders=to_builds,
            allocated_to_sales_orders=to_sales,
            ordering=ordering,
            building=building,
            required_for_build_orders=values[33],
            required_for_sales_orders=values[34],
            stock_item_count=values[35],
            suppliers=values[36],
            revision_count=values[37],
            category_default_location=values[38],
            thumbnail=thumbnail(image),
            starred=starred,
            image=image,
        )
        found.update(zip(PART_TAIL[1:], tail, strict=True))
        found["last_stocktake"] = as_date(found["last_stocktake"])
        found["tags"] = tags_of(found["tags"])
        found["pricing_min"] = as_decimal(found["pricing_min"])
        found["pricing_max"] = as_decimal(found["pricing_max"])
        found["pricing_updated"] = moment(found["pricing_updated"])
        return found

    def stock(self, row: Any) -> dict[str, Any]:
        """A stock item from STOCK_COLUMNS' 37 values (the first 37 of the row)."""
        item = list(row[:37])
        item.insert(8, STOCK_STATUS.get(item[7]))
        item[16], item[17] = self.flag(item[16]), self.flag(item[17])
        item[18] = moment(item[18])
        item[13], item[34] = as_date(item[13]), as_date(item[34])
        in_stock = (
            item[2] > 0
            and item[28] is None
            and item[26] is None
            and item[27] is None
            and item[23] is None
            and not item[17]
            and item[7] in AVAILABLE
        )
        expired = bool(in_stock and item[13] is not None and item[13] < datetime.now(UTC).date())
        found = dict(zip(STOCK_FIELDS[:33], item[:33], strict=True))
        found.update(expired=expired, stale=expired)
        found.update(zip(STOCK_FIELDS[35:], item[33:], strict=True))
        found["tags"] = tags_of(found["tags"])
        return found

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

    async def part_page(self, scope: bare_app.Scope, headers: dict[bytes, bytes], user: int) -> Any:
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
        sql = self.sql(PART_SQL, page=page, in_stock=IN_STOCK)
        rows = await self.database.fetch(False, sql, *matched, take, skip)
        if rows and len(rows) < limit:
            count = offset + len(rows)
        else:
            count = await self.cached_count(("part", *key), self.sql(counted), *matched)
        return self.envelope(scope, headers, params, count, await self.parts(rows, user))

    async def stock_page(self, scope: bare_app.Scope, headers: dict[bytes, bytes]) -> Any:
        params = dict(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True))
        limit, offset = int(params.get("limit") or 0), int(params.get("offset") or 0)
        chosen = "location" if "location" in params else "all"
        matched = [int(params["location"])] if chosen == "location" else []
        key = ("stock", chosen, *matched)
        page, take, skip = self.placed(STOCK_PAGES[chosen], key, limit, offset)
        rows = await self.database.fetch(
            False,
            self.sql(STOCK_SQL, page=page, columns=STOCK_COLUMNS, joins=STOCK_JOINS),
            *matched,
            take,
            skip,
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
