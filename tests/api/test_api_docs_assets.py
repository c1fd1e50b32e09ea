"""The browsable API docs load Swagger UI from this server, not from a CDN: they work offline."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Client

DOCS_PAGES = ["/api-docs/", "/api/v1/docs/"]


def asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


@pytest.mark.parametrize("page", DOCS_PAGES)
async def test_docs_page_references_only_local_assets(anonymous: Client, page: str) -> None:
    urls = asset_urls((await anonymous.get(page)).text)
    assert len(urls) == 2
    assert all(url.startswith("/") and not url.startswith("//") for url in urls), urls


@pytest.mark.parametrize("page", DOCS_PAGES)
async def test_docs_page_assets_answer_javascript_and_css(anonymous: Client, page: str) -> None:
    types = []
    for url in asset_urls((await anonymous.get(page)).text):
        response = await anonymous.get(url)
        assert response.status_code == 200, url
        assert len(response.content) > 10_000
        types.append(response.headers["content-type"].split(";")[0])
    assert sorted(types) == ["text/css", "text/javascript"]


async def test_swagger_script_defines_the_bundle_the_page_calls(anonymous: Client) -> None:
    script = await anonymous.get("/api-docs/assets/swagger-ui-bundle.js")
    assert "SwaggerUIBundle" in script.text
