"""Feature flags, declared in the `flags` setting and evaluated as django-flags (which InvenTree
uses) evaluates them.

The setting is a JSON object: each key names a flag, each value is the list of its conditions,
`{"condition": <kind>, "value": <depends on the kind>, "required": false}`:

- `boolean`: true or false; holds when true (a switch).
- `user`: a username; holds for that user.
- `anonymous`, `staff`, `superuser`: true (the default) or false; holds when the caller is (true)
  or is not (false) anonymous, staff, a superuser. Superusers count as staff.
- `parameter`: `name=value`, or `name` alone, which means `name=True` as in django-flags; holds
  when the request's query string has that parameter with exactly that value
  (`experimental=` wants `?experimental=`).
- `before`, `after`: an RFC 3339 date-time with a zone; holds before / after that moment.
  django-flags' spellings `before date` and `after date` are accepted and answered as declared.

A flag is on when every required condition holds and, if it has conditions that are not
required, at least one of those holds; a flag without conditions is off. So conditions are
alternatives: a date range is `before` and `after`, both `"required": true` (without `required`,
"before May or after March" is always on).

`check_flags(settings)` reads the setting, and raises SettingsError naming the flag and the
condition at fault: start-up calls it. A server started without that check answers every flags
request with a 500 that says what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import msgspec

from storeroom.auth.identity import Identity
from storeroom.errors import NotFound, StoreroomError
from storeroom.flags.schemas import ConditionOut, DeclaredCondition, FlagOut
from storeroom.settings import Settings, SettingsError

# django-flags' names for the date conditions.
ALIASES = {"before date": "before", "after date": "after"}
KINDS = ("boolean", "user", "anonymous", "staff", "superuser", "parameter", "before", "after")
# The conditions about who is calling, whose value says which way round (true when omitted).
ABOUT_CALLER = frozenset({"anonymous", "staff", "superuser"})
# django-flags' own check: a name, and optionally `=` and the value wanted.
PARAMETER = re.compile(r"[\w.\-\[\]]+(=[\w.\-]*)?")


@dataclass(frozen=True, slots=True)
class Condition:
    # As the setting spells it, and what it means.
    declared: str
    kind: str
    value: bool | str
    required: bool
    # The moment of `before` and `after`.
    moment: datetime | None = None


@dataclass(frozen=True, slots=True)
class Flag:
    key: str
    conditions: tuple[Condition, ...]


def check_flags(settings: Settings) -> None:
    """Raise SettingsError if the `flags` setting cannot be used; start-up calls this."""
    parse_flags(settings.flags)


# Parsed once per distinct setting text: Settings is frozen, so the text never changes under it.
@lru_cache(maxsize=8)
def parse_flags(text: str) -> tuple[Flag, ...]:
    try:
        declared = msgspec.json.decode(text)
    except msgspec.DecodeError as error:
        raise SettingsError(f"setting flags: not JSON ({error})") from None
    if not isinstance(declared, dict):
        raise SettingsError("setting flags: expected a JSON object of flag -> conditions")
    return tuple(parse_flag(key, conditions) for key, conditions in declared.items())


def parse_flag(key: str, conditions: Any) -> Flag:
    if not key.strip():
        raise SettingsError("setting flags: a flag has an empty name")
    try:
        found = msgspec.convert(conditions, list[DeclaredCondition])
    except msgspec.ValidationError as error:
        # msgspec's path starts at the flag's list: `$[0].value`.
        raise SettingsError(f"setting flags: flag {key!r}: {error}") from None
    return Flag(key, tuple(parse_condition(key, index, item) for index, item in enumerate(found)))


def parse_condition(key: str, index: int, declared: DeclaredCondition) -> Condition:
    where = f"setting flags: flag {key!r}, condition {index + 1} ({declared.condition!r})"
    kind = ALIASES.get(declared.condition, declared.condition)
    value = declared.value
    if kind not in KINDS:
        raise SettingsError(f"{where}: unknown condition; use one of {', '.join(KINDS)}")
    if kind in ABOUT_CALLER and value is None:
        value = True
    if kind in ABOUT_CALLER or kind == "boolean":
        if not isinstance(value, bool):
            raise SettingsError(f"{where}: value must be true or false, not {value!r}")
        return Condition(declared.condition, kind, value, declared.required)
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"{where}: value must be a non-empty string, not {value!r}")
    if kind == "parameter" and not PARAMETER.fullmatch(value):
        raise SettingsError(f"{where}: value must be `name` or `name=value`, not {value!r}")
    moment = None
    if kind in ("before", "after"):
        moment = moment_of(where, value)
    return Condition(declared.condition, kind, value, declared.required, moment)


def moment_of(where: str, value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise SettingsError(f"{where}: {value!r} is not an RFC 3339 date-time") from None
    if moment.tzinfo is None:
        raise SettingsError(f"{where}: {value!r} has no time zone (add Z or +hh:mm)")
    return moment


def declared_flags(settings: Settings) -> tuple[Flag, ...]:
    try:
        return parse_flags(settings.flags)
    except SettingsError as error:
        # The deployment's fault, not the caller's; said plainly so that it gets fixed.
        raise StoreroomError(f"The server's feature flags are misconfigured: {error}") from None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """What a condition may look at: the caller (None: anonymous), the query, the time."""

    identity: Identity | None
    parameters: Mapping[str, str]
    now: datetime


def holds(condition: Condition, evaluation: Evaluation) -> bool:
    identity, value = evaluation.identity, condition.value
    match condition.kind:
        case "boolean":
            return value is True
        case "user":
            return identity is not None and identity.username == value
        case "anonymous":
            return (identity is None) is value
        case "staff":
            is_staff = identity is not None and (identity.is_staff or identity.is_superuser)
            return is_staff is value
        case "superuser":
            return (identity is not None and identity.is_superuser) is value
        case "parameter":
            name, equals, wanted = str(value).partition("=")
            return evaluation.parameters.get(name) == (wanted if equals else "True")
        case "before":
            return condition.moment is not None and evaluation.now < condition.moment
        case "after":
            return condition.moment is not None and evaluation.now > condition.moment
    return False


def is_on(flag: Flag, evaluation: Evaluation) -> bool:
    if not flag.conditions:
        return False
    results = [(condition.required, holds(condition, evaluation)) for condition in flag.conditions]
    if not all(result for required, result in results if required):
        return False
    alternatives = [result for required, result in results if not required]
    return not alternatives or any(alternatives)


def flag_out(flag: Flag, evaluation: Evaluation) -> FlagOut:
    return FlagOut(
        key=flag.key,
        state=is_on(flag, evaluation),
        conditions=[
            ConditionOut(condition.declared, condition.value, condition.required)
            for condition in flag.conditions
        ],
    )


def list_flags(
    settings: Settings, identity: Identity | None, parameters: Mapping[str, str]
) -> list[FlagOut]:
    """Every declared flag, in the setting's order, evaluated for this caller and query."""
    evaluation = Evaluation(identity, parameters, datetime.now(UTC))
    return [flag_out(flag, evaluation) for flag in declared_flags(settings)]


def read_flag(
    settings: Settings, key: str, identity: Identity | None, parameters: Mapping[str, str]
) -> FlagOut:
    for flag in declared_flags(settings):
        if flag.key == key:
            return flag_out(flag, Evaluation(identity, parameters, datetime.now(UTC)))
    raise NotFound()
