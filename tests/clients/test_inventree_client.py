"""The real `inventree` Python client talks to storeroom unchanged."""

import pytest
from inventree.api import InvenTreeAPI
from inventree.part import Part

from tests.conftest import PASSWORD


def test_client_connects_gets_a_token_and_reads_me(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    assert api.connected
    assert api.api_version == 264
    assert api.token
    me = api.get("user/me/")
    assert me["username"] == "admin"
    assert me["is_superuser"] is True


def test_client_with_a_wrong_password_fails_to_connect(live_server: str) -> None:
    with pytest.raises(ConnectionError):
        InvenTreeAPI(live_server, username="admin", password="wrong", timeout=10)


def test_client_reuses_a_token_it_was_given(live_server: str) -> None:
    first = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    again = InvenTreeAPI(live_server, token=first.token, timeout=10)
    assert again.get("user/me/")["username"] == "admin"


def test_client_reads_field_names_and_field_info(live_server: str) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=10)
    names = Part.fieldNames(api)
    assert {"name", "description", "category", "active"} <= set(names)
    assert "stock_item" not in names
    info = Part.fieldInfo("category", api)
    assert (info["type"], info["model"], info["api_url"]) == (
        "related field",
        "partcategory",
        "/api/part/category/",
    )
    assert Part.fieldInfo("name", api)["required"] is True
