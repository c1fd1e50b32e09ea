"""The real `inventree` client creates and reads categories, parts, locations and stock."""

from inventree.api import InvenTreeAPI
from inventree.part import Part, PartCategory
from inventree.stock import StockItem, StockLocation

from tests.conftest import PASSWORD


def test_client_builds_a_small_inventory_and_filters_parts(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    electronics = PartCategory.create(api, {"name": "Electronics", "description": "All of it"})
    resistors = PartCategory.create(api, {"name": "Resistors", "parent": electronics.pk})
    assert resistors.pathstring == "Electronics/Resistors"
    shelf = StockLocation.create(api, {"name": "Shelf A"})
    r10k = Part.create(api, {"name": "R 10k", "category": resistors.pk, "IPN": "R-10K"})
    Part.create(api, {"name": "Soldering iron", "category": electronics.pk})
    [item] = StockItem.create(api, {"part": r10k.pk, "quantity": 250, "location": shelf.pk})
    assert item.quantity == 250

    in_resistors = Part.list(api, category=resistors.pk)
    assert [part.name for part in in_resistors] == ["R 10k"]
    assert Part(api, pk=r10k.pk).in_stock == 250
    assert [stock.pk for stock in StockItem.list(api, location=shelf.pk)] == [item.pk]
    assert PartCategory(api, pk=electronics.pk).name == "Electronics"


def test_client_edits_and_deletes_through_the_api(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    part = Part.create(api, {"name": "Capacitor"})
    part.save(data={"description": "100 nF"})
    part.reload()
    assert part.description == "100 nF"
    # An active part cannot be deleted (InvenTree's rule): the client deactivates it first.
    part.save(data={"active": False})
    part.delete()
    assert Part.list(api) == []
