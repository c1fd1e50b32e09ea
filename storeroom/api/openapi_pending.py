"""The bodies of routes that render their own responses and declare no `OperationSchema` yet.

They belong to their capabilities (`users/schemas.py`, `status/schemas.py`, `admin/schemas.py`),
declared on each route as `opt={"schema": OperationSchema(...)}`, and kept here, keyed by operation
id, only until then: a route's own declaration wins over this table. Delete each entry as its route
declares it, and this module with the last one.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

from storeroom.api.openapi_structs import Moment, OperationSchema

# An address, or blank: a user need not have one.
Email = Annotated[
    str, msgspec.Meta(extra_json_schema={"anyOf": [{"format": "email"}, {"enum": [""]}]})
]
ReadOnly = msgspec.Meta(extra_json_schema={"readOnly": True})


class Group(msgspec.Struct):
    pk: Annotated[int, ReadOnly]
    name: Annotated[str, msgspec.Meta(max_length=150)]


class MeUser(msgspec.Struct):
    """The current user; changing one's own is_staff, is_superuser or is_active is refused."""

    pk: Annotated[int, ReadOnly]
    username: Annotated[str, msgspec.Meta(max_length=150)]
    first_name: Annotated[str, msgspec.Meta(max_length=150)]
    last_name: Annotated[str, msgspec.Meta(max_length=150)]
    email: Annotated[Email, msgspec.Meta(max_length=254)]
    groups: Annotated[list[Group], ReadOnly]
    is_staff: bool
    is_superuser: bool
    is_active: bool


class Login(msgspec.Struct):
    password: str
    username: str | msgspec.UnsetType = msgspec.UNSET
    email: Email | msgspec.UnsetType = msgspec.UNSET


class LoggedIn(msgspec.Struct):
    detail: str
    user: MeUser
    csrftoken: str


class LoggedOut(msgspec.Struct):
    detail: str


class Token(msgspec.Struct):
    token: str
    name: str
    expiry: Moment | None


class Version(msgspec.Struct):
    server: str
    api: int
    commit_hash: str
    commit_date: str
    commit_branch: str
    python: str
    django: Annotated[str, msgspec.Meta(description="The version of the web framework.")]


class Link(msgspec.Struct):
    doc: str
    code: str
    credit: str
    app: str
    bug: str


class VersionView(msgspec.Struct):
    dev: bool
    up_to_date: bool
    version: Version
    links: Link


class ConfigEntry(msgspec.Struct):
    """A configuration key the server has read, and where its value came from."""

    key: str
    env_var: str
    config_key: str
    # "override": passed to load_settings() by the program that embeds the server (or a test).
    source: Literal["env", "file", "default", "override"]
    accessed: Moment
    value: Annotated[str, msgspec.Meta(description="Secrets are masked.")]


class Root(msgspec.Struct):
    server: str
    version: str
    instance: str
    apiVersion: int  # noqa: N815 - InvenTree's key
    worker_running: bool
    worker_pending_tasks: int
    plugins_enabled: bool
    plugins_install_disabled: bool
    active_plugins: list[dict[str, Any]]
    email_configured: bool
    debug_mode: bool
    docker_mode: bool
    default_locale: str
    system_health: bool
    database: str
    platform: str
    installer: str | None
    target: str | None


class PlatformInfo(msgspec.Struct):
    system: str
    node: str
    release: str
    version: str
    machine: str
    processor: str


class ServerStatus(msgspec.Struct):
    """Snake_case in every dialect; a setting hides platform_info and modules."""

    api_version: int
    commit: str | None
    server_address: str
    python_version: str
    platform_info: PlatformInfo | msgspec.UnsetType = msgspec.UNSET
    modules: dict[str, str] | msgspec.UnsetType = msgspec.UNSET


PENDING: dict[str, OperationSchema] = {
    "api_root": OperationSchema(response=Root),
    "status_retrieve": OperationSchema(response=ServerStatus),
    "version_retrieve": OperationSchema(response=VersionView),
    "auth_login_create": OperationSchema(request=Login, response=LoggedIn),
    "auth_logout_retrieve": OperationSchema(response=LoggedOut),
    "auth_logout_create": OperationSchema(response=LoggedOut),
    "user_token_retrieve": OperationSchema(response=Token, query={"name": str}),
    "user_me_retrieve": OperationSchema(response=MeUser),
    "user_me_update": OperationSchema(request=MeUser, response=MeUser),
    "user_me_partial_update": OperationSchema(request=MeUser, response=MeUser, partial=True),
    "user_me_destroy": OperationSchema(),
    "admin_config_list": OperationSchema(response=list[ConfigEntry], paginated=True),
    "admin_config_retrieve": OperationSchema(response=ConfigEntry),
}
