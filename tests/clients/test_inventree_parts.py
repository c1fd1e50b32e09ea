"""The real `inventree` client on parts: requirements, an internal price, related parts and
pricing."""

from inventree.api import InvenTreeAPI
from inventree.part import BomItem, Part, PartRelated
from inventree.stock import StockItem

from tests.conftest import PASSWORD


def test_client_reads_requirements_prices_and_related_parts(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    lamp = Part.create(api, {"name": "Lamp", "description": "A lamp", "assembly": True})
    bulb = Part.create(api, {"name": "Bulb", "description": "A bulb", "component": True})
    shade = Part.create(api, {"name": "Shade", "description": "A shade"})
    BomItem.create(api, {"part": lamp.pk, "sub_part": bulb.pk, "quantity": 2})
    StockItem.create(api, {"part": bulb.pk, "quantity": 9})

    requirements = lamp.getRequirements()
    assert (requirements["can_build"], requirements["total_stock"]) == (4, 0)

    bulb.setInternalPrice(1, 2.5)
    [price] = bulb.getInternalPriceList()
    assert (price.quantity, float(price.price)) == (1, 2.5)

    PartRelated.add_related(api, lamp, shade)
    [related] = lamp.getRelated()
    assert (related.part_1, related.part_2) == (lamp.pk, shade.pk)
    assert [relation.pk for relation in shade.getRelated()] == [related.pk]
    assert bulb.getRelated() == []

    pricing = api.get(f"part/{bulb.pk}/pricing/")
    assert (pricing["internal_cost_min"], pricing["currency"]) == ("2.50000", "USD")
