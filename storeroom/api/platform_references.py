"""Fields that hold the pk of a platform row seen from a tenant (an order's `responsible`
owner: a user or group, kept in the platform database). The tenant's database can neither check
nor join such a value, so a write is checked, and the nested object beside it is read, against
the platform, for the written or listed rows only (one lookup per page)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storeroom.db.fastread import FastReader

# The rows of `pks` that exist for the account, by pk.
Finder = Callable[[FastReader, str, Iterable[int]], Awaitable[Mapping[int, Any]]]


@dataclass(frozen=True, slots=True)
class PlatformReference:
    field: str
    # The read-only field that shows the referenced row (None when it is gone).
    detail: str
    find: Finder


async def reference_errors(
    reader: FastReader,
    account: str,
    references: Sequence[PlatformReference],
    values: Mapping[str, Any],
) -> dict[str, list[str]]:
    """Errors for the references in `values` that name no row of the account."""
    errors: dict[str, list[str]] = {}
    for reference in references:
        value = values.get(reference.field)
        if value is None:
            continue
        if value not in await reference.find(reader, account, (value,)):
            errors[reference.field] = [f'Invalid pk "{value}" - object does not exist.']
    return errors


async def add_details(
    reader: FastReader,
    account: str,
    references: Sequence[PlatformReference],
    objects: Sequence[dict[str, Any]],
) -> None:
    """Fill each reference's detail field of `objects` with the row it names."""
    for reference in references:
        keys = {row[reference.field] for row in objects if row[reference.field] is not None}
        found = await reference.find(reader, account, keys) if keys else {}
        for row in objects:
            row[reference.detail] = found.get(row[reference.field])
