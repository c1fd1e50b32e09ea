"""The part list's filters: each keeps the parts it names and leaves the others out."""

from __future__ import annotations

from httpx import AsyncClient

from tests.parts import make


async def test_category_includes_its_sub_categories(admin: AsyncClient) -> None:
    top = await make.category(admin)
    below = await make.category(admin, parent=top["pk"])
    elsewhere = await make.category(admin)
    own = await make.part(admin, category=top["pk"])
    nested = await make.part(admin, category=below["pk"])
    other = await make.part(admin, category=elsewhere["pk"])
    found = await make.pks(admin, "/api/part/", category=top["pk"])
    assert found == {own["pk"], nested["pk"]}
    assert other["pk"] not in found


async def test_cascade_false_keeps_the_category_itself_only(admin: AsyncClient) -> None:
    top = await make.category(admin)
    below = await make.category(admin, parent=top["pk"])
    own = await make.part(admin, category=top["pk"])
    await make.part(admin, category=below["pk"])
    found = await make.pks(admin, "/api/part/", category=top["pk"], cascade="false")
    assert found == {own["pk"]}


async def test_category_null_keeps_the_uncategorised_parts(admin: AsyncClient) -> None:
    loose = await make.part(admin)
    placed = await make.part(admin, category=(await make.category(admin))["pk"])
    found = await make.pks(admin, "/api/part/", category="null")
    assert loose["pk"] in found
    assert placed["pk"] not in found


async def test_has_stock_and_depleted_stock_split_the_parts(admin: AsyncClient) -> None:
    stocked, empty = await make.part(admin, IPN="HS-1"), await make.part(admin, IPN="HS-2")
    await make.stock(admin, stocked["pk"], 1)
    with_stock = await make.pks(admin, "/api/part/", has_stock="true")
    depleted = await make.pks(admin, "/api/part/", depleted_stock="true")
    assert stocked["pk"] in with_stock
    assert empty["pk"] not in with_stock
    assert empty["pk"] in depleted
    assert stocked["pk"] not in depleted


async def test_low_stock_keeps_parts_below_their_minimum(admin: AsyncClient) -> None:
    low = await make.part(admin, minimum_stock=10)
    enough = await make.part(admin, minimum_stock=2)
    await make.stock(admin, low["pk"], 5)
    await make.stock(admin, enough["pk"], 5)
    found = await make.pks(admin, "/api/part/", low_stock="true")
    assert low["pk"] in found
    assert enough["pk"] not in found


async def test_has_ipn_and_has_units(admin: AsyncClient) -> None:
    numbered = await make.part(admin, IPN="HAS-IPN", units="m")
    bare = await make.part(admin)
    assert numbered["pk"] in await make.pks(admin, "/api/part/", has_ipn="true")
    assert bare["pk"] not in await make.pks(admin, "/api/part/", has_ipn="true")
    assert bare["pk"] in await make.pks(admin, "/api/part/", has_units="false")
    assert numbered["pk"] not in await make.pks(admin, "/api/part/", has_units="false")


async def test_ancestor_and_exclude_tree_follow_variants_at_every_depth(
    admin: AsyncClient,
) -> None:
    root = await make.part(admin, is_template=True)
    child = await make.part(admin, is_template=True, variant_of=root["pk"])
    grandchild = await make.part(admin, variant_of=child["pk"])
    stranger = await make.part(admin)
    below = await make.pks(admin, "/api/part/", ancestor=root["pk"])
    assert below == {child["pk"], grandchild["pk"]}
    outside = await make.pks(admin, "/api/part/", exclude_tree=root["pk"])
    assert stranger["pk"] in outside
    assert not outside & {root["pk"], child["pk"], grandchild["pk"]}


async def test_in_bom_for_keeps_the_assemblys_components(admin: AsyncClient) -> None:
    assembly = await make.part(admin, assembly=True)
    used, unused = await make.part(admin), await make.part(admin)
    await make.bom_line(admin, assembly["pk"], used["pk"])
    assert await make.pks(admin, "/api/part/", in_bom_for=assembly["pk"]) == {used["pk"]}
    assert unused["pk"] not in await make.pks(admin, "/api/part/", in_bom_for=assembly["pk"])


async def test_revision_filters(admin: AsyncClient) -> None:
    original = await make.part(admin, name="Revised", revision="A")
    revision = await make.part(admin, name="Revised", revision="B", revision_of=original["pk"])
    revisions = await make.pks(admin, "/api/part/", is_revision="true")
    assert revision["pk"] in revisions
    assert original["pk"] not in revisions
    having = await make.pks(admin, "/api/part/", has_revisions="true")
    assert original["pk"] in having
    assert revision["pk"] not in having
    assert await make.pks(admin, "/api/part/", revision_of=original["pk"]) == {revision["pk"]}


async def test_tags_name_keeps_the_tagged_parts(admin: AsyncClient) -> None:
    tagged = await make.part(admin, tags=["Blue Thing", "metal"])
    other = await make.part(admin, tags=["metallic"])
    assert tagged["tags"] == ["Blue Thing", "metal"]
    assert await make.pks(admin, "/api/part/", tags_name="metal") == {tagged["pk"]}
    assert await make.pks(admin, "/api/part/", tags_slug="blue-thing") == {tagged["pk"]}
    assert other["pk"] in await make.pks(admin, "/api/part/", tags_name="metallic")


async def test_bom_valid_needs_every_line_validated(admin: AsyncClient) -> None:
    checked, unchecked = (
        await make.part(admin, assembly=True),
        await make.part(admin, assembly=True),
    )
    component = await make.part(admin)
    await make.bom_line(admin, checked["pk"], component["pk"], validated=True)
    await make.bom_line(admin, unchecked["pk"], component["pk"], validated=False)
    valid = await make.pks(admin, "/api/part/", bom_valid="true", assembly="true")
    assert checked["pk"] in valid
    assert unchecked["pk"] not in valid


async def test_created_after_and_before(admin: AsyncClient) -> None:
    part = await make.part(admin)
    assert part["pk"] in await make.pks(admin, "/api/part/", created_after="2000-01-01")
    assert part["pk"] not in await make.pks(admin, "/api/part/", created_before="2000-01-01")


async def test_name_regex_and_ipn_regex_match_ignoring_case(admin: AsyncClient) -> None:
    # The regular expressions themselves: tests/stock/test_regex_filters.py.
    matched = await make.part(admin, name="Regexed widget", IPN="RX-100")
    other = await make.part(admin, name="Plain widget", IPN="PL-100")
    by_name = await make.pks(admin, "/api/part/", name_regex="^regexed\\s")
    by_ipn = await make.pks(admin, "/api/part/", IPN_regex="^rx-\\d+$")
    assert matched["pk"] in by_name & by_ipn
    assert other["pk"] not in by_name | by_ipn


async def test_a_bad_category_answers_400(admin: AsyncClient) -> None:
    response = await admin.get("/api/part/", params={"category": "abc"})
    assert response.status_code == 400
    assert list(response.json()) == ["category"]


async def test_ordering_by_total_in_stock(admin: AsyncClient) -> None:
    few, many = await make.part(admin, IPN="ORD-S"), await make.part(admin, IPN="ORD-S2")
    await make.stock(admin, few["pk"], 1)
    await make.stock(admin, many["pk"], 50)
    response = await admin.get(
        "/api/part/", params={"ordering": "-total_in_stock", "has_stock": "true", "limit": 100}
    )
    order = [row["pk"] for row in response.json()["results"]]
    assert order.index(many["pk"]) < order.index(few["pk"])
