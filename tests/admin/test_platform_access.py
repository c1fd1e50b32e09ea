"""The server's configuration is for the platform's superusers: superusers of the default tenant
who sign in with a password, token or session; never another tenant's superuser or an
identity-header org admin, and no URL's password is shown (issue 12, item 4)."""

import base64
import json
from collections.abc import Awaitable, Callable

from storeroom.settings import Settings, displayed_value
from tests.conftest import Client

Login = Callable[..., Awaitable[Client]]


def identity(account: str, username: str) -> dict[str, str]:
    user = {"username": username, "email": f"{username}@example.com", "is_org_admin": True}
    document = {"identity": {"account_number": account, "user": user}}
    return {"x-rh-identity": base64.b64encode(json.dumps(document).encode()).decode()}


async def test_another_tenants_superuser_is_refused_the_configuration(login_as: Login) -> None:
    boss = await login_as("boss", account="acme", is_superuser=True, is_staff=True)
    response = await boss.get("/api/admin/config/")
    assert response.status_code == 403
    assert "platform" in response.json()["detail"]


async def test_another_tenants_superuser_is_refused_a_key(login_as: Login) -> None:
    boss = await login_as("boss", account="acme", is_superuser=True, is_staff=True)
    assert (await boss.get("/api/admin/config/rate_limit_storage/")).status_code == 403


async def test_a_second_superuser_of_the_platform_tenant_reads_it(login_as: Login) -> None:
    root = await login_as("root", is_superuser=True, is_staff=True)
    assert (await root.get("/api/admin/config/data_dir/")).status_code == 200


async def test_an_identity_header_org_admin_is_refused(make_settings, anonymous_factory) -> None:
    gateway: Client = await anonymous_factory(make_settings(identity_header_enabled=True))
    response = await gateway.get("/api/admin/config/", headers=identity("12345", "boss"))
    assert response.status_code == 403


async def test_the_platform_admin_by_identity_header_is_refused(
    make_settings, anonymous_factory
) -> None:
    gateway: Client = await anonymous_factory(make_settings(identity_header_enabled=True))
    response = await gateway.get("/api/admin/config/", headers=identity("default", "admin"))
    assert response.status_code == 403


async def test_the_password_of_every_url_is_masked(make_settings, anonymous_factory) -> None:
    settings = make_settings(
        ecb_url="https://reader:s3cr3t-ecb@rates.example.com/daily.xml",
        s3_endpoint_url="http://minio:s3cr3t-s3@127.0.0.1:9000/?token=s3cr3t-token",
        rate_limit_storage="memory://",
    )
    anonymous: Client = await anonymous_factory(settings)
    anonymous.headers["Authorization"] = "Basic " + base64.b64encode(
        b"admin:correct-horse-battery"
    ).decode("ascii")
    body = (await anonymous.get("/api/admin/config/")).json()
    values = {item["key"]: item["value"] for item in body}
    assert "s3cr3t" not in json.dumps(body)
    assert values["ecb_url"] == "https://reader:********@rates.example.com/daily.xml"
    assert values["s3_endpoint_url"] == "http://minio:********@127.0.0.1:9000/?token=********"


def test_the_import_queue_and_rate_limit_passwords_are_masked() -> None:
    settings = Settings(
        import_queue_url="redis://default:s3cr3t@10.0.0.5:6379/0",
        rate_limit_storage="redis://:s3cr3t@10.0.0.5:6379",
    )
    assert (
        displayed_value(settings, "import_queue_url") == "redis://default:********@10.0.0.5:6379/0"
    )
    assert displayed_value(settings, "rate_limit_storage") == "redis://:********@10.0.0.5:6379"
