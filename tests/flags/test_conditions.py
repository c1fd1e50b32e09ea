"""Each kind of condition, evaluated for anonymous callers, plain users, staff and superusers."""

from tests.conftest import Client
from tests.flags.conftest import Caller, state


async def test_a_boolean_condition_is_a_switch(anonymous: Client) -> None:
    assert await state(anonymous, "SWITCHED_ON") is True
    assert await state(anonymous, "SWITCHED_OFF") is False


async def test_a_staff_flag_is_off_for_anonymous_callers(anonymous: Client) -> None:
    assert await state(anonymous, "FOR_STAFF") is False


async def test_a_staff_flag_is_off_for_a_plain_user(caller: Caller) -> None:
    assert await state(await caller("plain"), "FOR_STAFF") is False


async def test_a_staff_flag_is_on_for_staff(caller: Caller) -> None:
    assert await state(await caller("staffer", is_staff=True), "FOR_STAFF") is True


async def test_a_staff_flag_is_on_for_superusers(client: Client) -> None:
    assert await state(client, "FOR_STAFF") is True


async def test_a_superuser_flag_is_off_for_staff(caller: Caller) -> None:
    assert await state(await caller("staffer", is_staff=True), "FOR_SUPERUSERS") is False


async def test_a_superuser_flag_is_on_for_superusers(client: Client) -> None:
    assert await state(client, "FOR_SUPERUSERS") is True


async def test_a_user_flag_is_on_for_that_user(caller: Caller) -> None:
    assert await state(await caller("ann"), "FOR_ANN") is True


async def test_a_user_flag_is_off_for_another_user(caller: Caller) -> None:
    assert await state(await caller("bob", is_staff=True), "FOR_ANN") is False


async def test_a_user_flag_is_off_for_anonymous_callers(anonymous: Client) -> None:
    assert await state(anonymous, "FOR_ANN") is False


async def test_an_anonymous_condition_tells_anonymous_callers_from_users(
    anonymous: Client, caller: Caller
) -> None:
    plain = await caller("plain")
    assert (await state(anonymous, "FOR_ANONYMOUS"), await state(plain, "FOR_ANONYMOUS")) == (
        True,
        False,
    )
    assert (await state(anonymous, "FOR_SIGNED_IN"), await state(plain, "FOR_SIGNED_IN")) == (
        False,
        True,
    )


async def test_a_parameter_flag_is_off_without_the_parameter(anonymous: Client) -> None:
    assert await state(anonymous, "PREVIEW") is False


async def test_a_bare_parameter_name_wants_the_value_true(anonymous: Client) -> None:
    assert await state(anonymous, "PREVIEW", "?preview=True") is True


async def test_a_parameter_with_another_value_does_not_count(anonymous: Client) -> None:
    assert await state(anonymous, "PREVIEW", "?preview=1") is False


async def test_a_parameter_declared_with_an_empty_value_wants_it_empty(anonymous: Client) -> None:
    assert await state(anonymous, "EXPERIMENTAL", "?experimental=") is True
    assert await state(anonymous, "EXPERIMENTAL", "?experimental=yes") is False


async def test_the_parameter_counts_on_the_list_too(anonymous: Client) -> None:
    body = (await anonymous.get("/api/flags/?preview=True")).json()
    assert {flag["key"]: flag["state"] for flag in body}["PREVIEW"] is True


async def test_a_flag_is_on_inside_its_required_date_range(anonymous: Client) -> None:
    assert await state(anonymous, "NOW_IN_RANGE") is True


async def test_a_flag_is_off_outside_its_required_date_range(anonymous: Client) -> None:
    assert await state(anonymous, "RANGE_TO_COME") is False


async def test_conditions_that_are_not_required_are_alternatives(anonymous: Client) -> None:
    # "before 2000 or after 2999": neither holds now.
    assert await state(anonymous, "BEFORE_OR_AFTER") is False


async def test_a_required_condition_that_fails_turns_the_flag_off(anonymous: Client) -> None:
    assert await state(anonymous, "STAFF_PREVIEW", "?preview=True") is False


async def test_required_and_optional_conditions_together_turn_the_flag_on(
    caller: Caller,
) -> None:
    staffer = await caller("staffer", is_staff=True)
    assert await state(staffer, "STAFF_PREVIEW") is False
    assert await state(staffer, "STAFF_PREVIEW", "?preview=True") is True


async def test_a_flag_without_conditions_is_off(client: Client) -> None:
    assert await state(client, "NO_CONDITIONS") is False
