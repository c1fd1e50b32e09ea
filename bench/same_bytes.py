"""Proof that the bare app answers what storeroom answers: the same URLs fetched from both, with
the same Host header (the page links are absolute), compared byte for byte."""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass(frozen=True, slots=True)
class Sample:
    path: str
    status: int
    content_type: str
    body: bytes


def sample_paths(rows: int, page_size: int) -> list[str]:
    """The root, and pages that exercise each link case: first, second (its previous link has no
    offset), a middle one, the last full one (no next link) and a short one."""
    page = f"/api/error-report/?limit={page_size}&offset="
    offsets = (0, page_size, 2 * page_size, rows // 2, rows - page_size, rows - page_size // 2)
    return ["/api/", *(f"{page}{offset}" for offset in offsets)]


def fetch_samples(base_url: str, host: str, token: str, paths: list[str]) -> list[Sample]:
    headers = {"Host": host, "Authorization": f"Token {token}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
        responses = [(path, client.get(path)) for path in paths]
    return [
        Sample(path, response.status_code, response.headers["content-type"], response.content)
        for path, response in responses
    ]


def mismatches(storeroom: list[Sample], bare: list[Sample]) -> list[str]:
    """A line per URL whose status, content type or body differ (empty: all identical)."""
    found = []
    for ours, theirs in zip(storeroom, bare, strict=True):
        if (ours.status, ours.content_type, ours.body) != (
            theirs.status,
            theirs.content_type,
            theirs.body,
        ):
            found.append(
                f"{ours.path}: storeroom {ours.status} {len(ours.body)} bytes "
                f"{ours.body[:120]!r}, bare {theirs.status} {len(theirs.body)} bytes "
                f"{theirs.body[:120]!r}"
            )
    return found
