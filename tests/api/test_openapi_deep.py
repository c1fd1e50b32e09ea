"""The DEEP dialect's own OpenAPI document and docs."""

from openapi_spec_validator import validate

from tests.conftest import Client


async def test_deep_document_is_valid_camel_case_under_v1(anonymous: Client) -> None:
    response = await anonymous.get("/api/v1/schema/")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert all(path.startswith("/api/v1/") for path in document["paths"])
    me = document["components"]["schemas"]["MeUser"]["properties"]
    assert "firstName" in me
    assert "isSuperuser" in me
    assert "first_name" not in me


async def test_deep_query_parameters_stay_snake_case(anonymous: Client) -> None:
    document = (await anonymous.get("/api/v1/schema/")).json()
    names = {
        parameter["name"]
        for parameter in document["paths"]["/api/v1/error-report/"]["get"]["parameters"]
    }
    assert {"limit", "offset", "ordering", "search"} <= names


async def test_deep_docs_page_points_at_its_document(anonymous: Client) -> None:
    response = await anonymous.get("/api/v1/docs/")
    assert response.status_code == 200
    assert 'url: "/api/v1/schema/"' in response.text
