"""A `flags` setting that cannot be used: refused by the start-up check, and answered as a
server fault (never as some flags silently off) by a server started without it."""

import json
from collections.abc import Callable

import pytest

from storeroom.flags.service import check_flags
from storeroom.settings import Settings, SettingsError

BAD_SETTINGS = {
    "not JSON": ("{'NEW_UI': []}", "not JSON"),
    "not an object": ("[]", "expected a JSON object"),
    "conditions not a list": ('{"NEW_UI": {"condition": "boolean"}}', "flag 'NEW_UI'"),
    "unknown kind": (
        '{"NEW_UI": [{"condition": "sometimes"}]}',
        "flag 'NEW_UI', condition 1 ('sometimes'): unknown condition",
    ),
    "unknown field": (
        '{"NEW_UI": [{"condition": "boolean", "value": true, "requird": true}]}',
        "requird",
    ),
    "boolean without a value": (
        '{"NEW_UI": [{"condition": "boolean"}]}',
        "value must be true or false",
    ),
    "user without a name": ('{"BETA": [{"condition": "user", "value": ""}]}', "non-empty"),
    "bad parameter": (
        '{"BETA": [{"condition": "parameter", "value": "a&b=c"}]}',
        "`name` or `name=value`",
    ),
    "date without a zone": (
        '{"SPRING": [{"condition": "after", "value": "2027-03-01T00:00:00"}]}',
        "no time zone",
    ),
    "not a date": (
        '{"SPRING": [{"condition": "before", "value": "next spring"}]}',
        "not an RFC 3339 date-time",
    ),
}


@pytest.mark.parametrize(("text", "message"), BAD_SETTINGS.values(), ids=list(BAD_SETTINGS))
def test_the_start_up_check_names_what_is_wrong(
    make_settings: Callable[..., Settings], text: str, message: str
) -> None:
    with pytest.raises(SettingsError, match=r"^setting flags: ") as raised:
        check_flags(make_settings(flags=text))
    assert message in str(raised.value)


def test_the_start_up_check_accepts_a_good_setting(make_settings: Callable[..., Settings]) -> None:
    check_flags(make_settings(flags=json.dumps({"BETA": [{"condition": "staff"}]})))


async def test_a_server_with_a_bad_setting_answers_500_saying_why(
    make_settings, anonymous_factory
) -> None:
    anonymous = await anonymous_factory(make_settings(flags='{"BETA": [{"condition": "x"}]}'))
    for path in ("/api/flags/", "/api/flags/BETA/"):
        response = await anonymous.get(path)
        assert response.status_code == 500
        assert "feature flags are misconfigured" in response.json()["detail"]
        assert "flag 'BETA', condition 1 ('x'): unknown condition" in response.json()["detail"]
