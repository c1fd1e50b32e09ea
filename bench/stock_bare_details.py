"""The bare baseline for `GET /api/stock/?limit=25&part_detail=true&location_detail=true` (issue
#16): `bare_inventory.py`'s app, whose stock page here answers every field storeroom answers for
an item now, with its part's brief form and its location's: the page's ids chosen on the base
table, then one row per item with its part, location, supplier part and orders joined, the counts
and allocations as subqueries, and the nested objects assembled in Python. No dependency on
storeroom: the bytes out are storeroom's (bench/stock_details.py checks them).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qsl

import bare_app
import bare_inventory
import msgspec

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
BLANK_THUMBNAIL = "/static/img/blank_image.thumbnail.png"
AVAILABLE = (10, 50, 55)
DETAILED_SQL = (
    "SELECT s.id, s.part, s.quantity, s.location, l.name, s.serial, s.batch, s.status, "
    "s.status_custom_key, s.packaging, s.link, s.notes, s.expiry_date, s.purchase_price, "
    "s.purchase_price_currency, s.delete_on_deplete, s.is_building, s.updated, s.supplier_part, "
    'sp."SKU", s.purchase_order, po.reference, s.sales_order, so.reference, s.build, s.customer, '
    "s.consumed_by, s.belongs_to, "
    "(SELECT count(*) FROM {s}stockitem i WHERE i.belongs_to = s.id), "
    "(SELECT count(*) FROM {s}stockitemtracking t WHERE t.item = s.id), "
    "(SELECT count(*) FROM {s}stockitem c WHERE c.parent = s.id), "
    "(SELECT coalesce(sum(b.quantity), 0.0) FROM {s}build_item b WHERE b.stock_item = s.id) + "
    "(SELECT coalesce(sum(a.quantity), 0.0) FROM {s}salesorderallocation a WHERE a.item = s.id), "
    "s.parent, s.stocktake_date, s.owner, s.barcode_hash, s.tags, "
    'p.id, p."IPN", p.barcode_hash, coalesce(pc.default_location, pcp.default_location), '
    "p.default_location, p.name, p.revision, p.description, p.image, p.active, p.locked, "
    "p.assembly, p.component, p.is_template, p.purchaseable, p.salable, p.testable, "
    'p.trackable, p."virtual", p.units, l.id, l.pathstring '
    "FROM ({page}) AS pg JOIN {s}stockitem s ON s.id = pg.id "
    "JOIN {s}part p ON p.id = s.part "
    "LEFT JOIN {s}partcategory pc ON pc.id = p.category "
    "LEFT JOIN {s}partcategory pcp ON pcp.id = pc.parent "
    "LEFT JOIN {s}stocklocation l ON l.id = s.location "
    "LEFT JOIN {s}supplierpart sp ON sp.id = s.supplier_part "
    "LEFT JOIN {s}purchaseorder po ON po.id = s.purchase_order "
    "LEFT JOIN {s}salesorder so ON so.id = s.sales_order ORDER BY pg.id"
)
PAGE_SQL = "SELECT id FROM {s}stockitem ORDER BY id LIMIT ? OFFSET ?"
COUNT_SQL = "SELECT count(*) FROM {s}stockitem"


def as_date(value: Any) -> Any:
    return date.fromisoformat(value) if isinstance(value, str) else value


def tags_of(value: Any) -> Any:
    return msgspec.json.decode(value) if isinstance(value, str) else value


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
        rows = await self.database.fetch(False, self.sql(DETAILED_SQL, page=page), take, skip)
        if rows and len(rows) < limit:
            count = offset + len(rows)
        else:
            count = await self.cached_count(key, self.sql(COUNT_SQL))
        results = [self.detailed(row) for row in rows]
        return msgspec.json.encode(self.envelope(scope, headers, params, count, results))

    def flag(self, value: Any) -> Any:
        return bare_inventory.sqlite_bool(value) if self.kind == "sqlite" else value

    def detailed(self, row: Any) -> dict[str, Any]:
        values = list(row)
        item, part, place = values[:37], values[37:57], values[57:]
        item.insert(8, bare_inventory.STOCK_STATUS.get(item[7]))
        item[16], item[17] = self.flag(item[16]), self.flag(item[17])
        item[18] = bare_inventory.moment(item[18])
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
        pk, ipn, barcode, category_location, default_location, name, revision = part[:7]
        description, image, *flags, units = part[7:]
        full_name = (f"{ipn} | " if ipn else "") + name + (f" | {revision}" if revision else "")
        thumbnail = (
            BLANK_THUMBNAIL
            if image is None
            else f"/media/part_images/part_{pk}_image.thumbnail.png"
        )
        brief = [pk, ipn, barcode, category_location, default_location, name, revision]
        brief += [full_name, description, image, thumbnail, *map(self.flag, flags), units]
        found["part_detail"] = dict(zip(PART_BRIEF, brief, strict=True))
        found["location_detail"] = (
            None if place[0] is None else {"pk": place[0], "name": item[4], "pathstring": place[1]}
        )
        return found


app = BareStockDetails()
