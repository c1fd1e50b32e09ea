"""The real `inventree` client moves stock: transfer, add, remove, count, assign and install,
serialized stock, a location's stock with its sub-locations, and each item's history."""

from inventree.api import InvenTreeAPI
from inventree.company import Company
from inventree.part import BomItem, Part
from inventree.stock import StockItem, StockItemTracking, StockLocation

from tests.conftest import PASSWORD

# StockHistoryCode values.
CREATED, STOCK_COUNT, STOCK_ADD, STOCK_REMOVE, STOCK_MOVE = 1, 10, 11, 12, 20
SPLIT_CHILD_ITEM, SENT_TO_CUSTOMER, INSTALLED_CHILD_ITEM = 42, 100, 35


def connect(live_server: str) -> InvenTreeAPI:
    return InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)


def codes(api: InvenTreeAPI, item: StockItem) -> list[int]:
    entries = StockItemTracking.list(api, item=item.pk, ordering="date")
    return [entry.tracking_type for entry in entries]


def test_client_moves_stock_and_reads_its_history(live_server: str) -> None:
    api = connect(live_server)
    store = StockLocation.create(api, {"name": "Store"})
    shelf = StockLocation.create(api, {"name": "Shelf", "parent": store.pk})
    bench = StockLocation.create(api, {"name": "Bench"})
    part = Part.create(api, {"name": "Resistor", "description": "10k"})
    [item] = StockItem.create(api, {"part": part.pk, "quantity": 100, "location": shelf.pk})

    item.addStock(10, notes="found")
    item.removeStock(5)
    item.countStock(100)
    item.transferStock(bench, quantity=40)
    item.reload()
    assert (item.quantity, item.location) == (60, shelf.pk)
    at_bench = StockItem.list(api, location=bench.pk)
    assert [(moved.quantity, moved.part) for moved in at_bench] == [(40, part.pk)]

    # A location's stock includes its sub-locations'.
    assert [listed.pk for listed in StockItem.list(api, location=store.pk)] == [item.pk]
    assert StockItem.list(api, location=store.pk, cascade=False) == []

    assert codes(api, item) == [
        CREATED,
        STOCK_ADD,
        STOCK_REMOVE,
        STOCK_COUNT,
        SPLIT_CHILD_ITEM,
    ]
    assert codes(api, at_bench[0])[-1] == STOCK_MOVE


def test_client_assigns_stock_to_a_customer(live_server: str) -> None:
    api = connect(live_server)
    customer = Company.create(api, {"name": "Customer", "is_customer": True, "currency": "USD"})
    part = Part.create(api, {"name": "Widget", "description": "sold", "salable": True})
    [item] = StockItem.create(api, {"part": part.pk, "quantity": 3})
    item.assignStock(customer, notes="sold")
    item.reload()
    assert (item.customer, item.location) == (customer.pk, None)
    assert codes(api, item)[-1] == SENT_TO_CUSTOMER


def test_client_installs_one_item_in_another(live_server: str) -> None:
    api = connect(live_server)
    assembly = Part.create(api, {"name": "Board", "description": "b", "assembly": True})
    component = Part.create(api, {"name": "Chip", "description": "c", "component": True})
    BomItem.create(api, {"part": assembly.pk, "sub_part": component.pk, "quantity": 1})
    [board] = StockItem.create(api, {"part": assembly.pk, "quantity": 1})
    [chip] = StockItem.create(api, {"part": component.pk, "quantity": 4})
    board.installStock(chip, quantity=1)
    installed = StockItem.list(api, belongs_to=board.pk)
    assert [entry.quantity for entry in installed] == [1]
    chip.reload()
    assert chip.quantity == 3
    assert codes(api, board)[-1] == INSTALLED_CHILD_ITEM


def test_client_creates_serialized_stock(live_server: str) -> None:
    api = connect(live_server)
    part = Part.create(api, {"name": "Scope", "description": "s", "trackable": True})
    place = StockLocation.create(api, {"name": "Lab"})
    [item] = StockItem.create(api, {"part": part.pk, "quantity": 3, "location": place.pk})
    api.post(
        f"stock/{item.pk}/serialize/",
        {"quantity": 3, "serial_numbers": "1005-1007", "destination": place.pk},
    )
    listed = StockItem.list(api, part=part.pk, serialized=True, ordering="serial")
    assert [(entry.serial, entry.quantity) for entry in listed] == [
        ("1005", 1),
        ("1006", 1),
        ("1007", 1),
    ]


def test_client_creates_serialized_stock_in_one_post(live_server: str) -> None:
    api = connect(live_server)
    part = Part.create(api, {"name": "Meter", "description": "m", "trackable": True})
    made = StockItem.create(api, {"part": part.pk, "quantity": 3, "serial_numbers": "501-503"})
    assert sorted((entry.serial, entry.quantity) for entry in made) == [
        ("501", 1),
        ("502", 1),
        ("503", 1),
    ]
    assert [codes(api, entry) for entry in made] == [[CREATED]] * 3


def test_client_reads_the_location_tree(live_server: str) -> None:
    api = connect(live_server)
    root = StockLocation.create(api, {"name": "Warehouse"})
    aisle = StockLocation.create(api, {"name": "Aisle", "parent": root.pk})
    tree = {entry["pk"]: entry for entry in api.get("stock/location/tree/")}
    assert (tree[root.pk]["parent"], tree[root.pk]["sublocations"]) == (None, 1)
    assert tree[aisle.pk]["parent"] == root.pk
    assert [child.pk for child in root.getChildLocations()] == [aisle.pk]
