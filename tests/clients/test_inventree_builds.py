"""The real `inventree` client builds an assembly end to end: issue the build, allocate its
component stock, create outputs, complete them, finish the build, and see the stock move."""

from inventree.api import InvenTreeAPI
from inventree.build import Build
from inventree.part import BomItem, Part
from inventree.stock import StockItem, StockLocation

from tests.conftest import PASSWORD

PRODUCTION, COMPLETE = 20, 40


def test_client_builds_an_assembly_and_the_stock_moves(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    shelf = StockLocation.create(api, {"name": "Shelf"})
    assembly = Part.create(api, {"name": "Lamp", "description": "A lamp", "assembly": True})
    bulb = Part.create(api, {"name": "Bulb", "description": "A bulb", "component": True})
    BomItem.create(api, {"part": assembly.pk, "sub_part": bulb.pk, "quantity": 2})
    [bulbs] = StockItem.create(api, {"part": bulb.pk, "quantity": 10, "location": shelf.pk})

    build = Build.create(api, {"part": assembly.pk, "quantity": 3, "title": "Lamps"})
    build.issue()
    assert build.status == PRODUCTION
    (line,) = build.getLines()
    assert (line.quantity, line.part) == (6, bulb.pk)

    api.post(
        f"build/{build.pk}/allocate/",
        {"items": [{"build_line": line.pk, "stock_item": bulbs.pk, "quantity": 6}]},
    )
    line.reload()
    assert line.allocated == 6

    (output,) = build.createBuildOutput(quantity=3)
    assert (output.quantity, output.is_building) == (3, True)
    build.completeBuildOutput(output, location=shelf.pk)
    assert build.getBuildOutputs(complete=False) == []

    build.complete()
    assert build.status == COMPLETE
    bulbs.reload()
    assert bulbs.quantity == 4
    lamps = StockItem.list(api, part=assembly.pk, location=shelf.pk)
    assert [(lamp.quantity, lamp.is_building) for lamp in lamps] == [(3, False)]
    consumed = StockItem.list(api, consumed_by=build.pk)
    assert [(item.part, item.quantity) for item in consumed] == [(bulb.pk, 6)]
