"""The server's settings: read once from the environment and an optional TOML file, then frozen.

Every key records where its value came from (env / file / default) so that
`/api/admin/config/` can show it; nothing else in storeroom reads the environment.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, get_type_hints

ENV_PREFIX = "STOREROOM_"
# STOREROOM_* variables that are not settings: the test suite's, the benchmarks' and the fuzzer's.
NOT_SETTINGS = ("STOREROOM_TEST_", "STOREROOM_BENCH_", "STOREROOM_FUZZ_")
DATABASE_SCHEMES = (
    "postgres://",
    "postgresql://",
    "postgresql+asyncpg://",
    "sqlite:///",
    "sqlite+aiosqlite:///",
)
SECRET_KEYS = frozenset(
    {
        "admin_password",
        "secret_key",
        "system_user_keys",
        "database_url",
        "smtp_password",
        "s3_access_key",
        "s3_secret_key",
    }
)


class SettingsError(ValueError):
    """A setting whose value cannot be parsed; the message names the key and the value."""


@dataclass(frozen=True, slots=True)
class ConfigAccess:
    key: str
    env_var: str
    config_key: str
    source: str
    accessed: datetime


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = Path("data")
    # Empty: a SQLite file in data_dir. Otherwise postgresql://... (or sqlite:///path).
    database_url: str = ""
    default_tenant: str = "default"
    admin_user: str = ""
    admin_password: str = ""
    admin_email: str = ""
    # Signs session cookies and CSRF tokens; generated into data_dir when empty.
    secret_key: str = ""
    identity_header_enabled: bool = False
    # "client-id=key" pairs, comma separated, for the x-rh-rbac-psk system-user headers.
    system_user_keys: str = ""
    show_platform_details: bool = True
    max_body_size: int = 100 * 1024 * 1024
    # `storeroom serve`: a request line and headers past max_header_size bytes or
    # max_header_count fields answer 431, and 408 when they take over header_timeout_seconds (0:
    # no limit); an idle connection closes after keep_alive_seconds; past max_connections open
    # connections (0: no limit) requests answer 503.
    max_header_size: int = 64 * 1024
    max_header_count: int = 100
    header_timeout_seconds: float = 10.0
    keep_alive_seconds: int = 5
    max_connections: int = 1000
    login_attempts_per_minute: int = 10
    # Where failed logins are counted: memory:// (one process) or redis://host:port (all workers).
    rate_limit_storage: str = "memory://"
    session_age_seconds: int = 14 * 24 * 3600
    count_cache_seconds: float = 1.0
    # PostgreSQL: empty tenant schemas kept ready at the head revision, so that a new tenant is a
    # rename away rather than ~100 DDL statements (0 turns it off).
    spare_tenant_schemas: int = 2
    # How long a SQLite writer waits for another's write lock before the request answers 503.
    sqlite_busy_timeout_ms: int = 10_000
    # SQLite: how many tenant databases a process keeps open (0: from its open-file limit).
    sqlite_open_tenants: int = 0
    log_level: str = "INFO"
    instance_name: str = "storeroom"
    # The commit this build was made from; empty: read the git checkout, if any.
    commit: str = ""
    # Outgoing mail (magic-link login emails).
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_tls: bool = False
    smtp_from: str = "storeroom@localhost"
    # The address users reach this server at, for links in emails.
    site_url: str = "http://127.0.0.1:8000"
    magic_link_minutes: int = 15
    # Currency exchange: provider "ecb" (the ECB's daily reference rates) or "manual".
    base_currency: str = "USD"
    currency_provider: str = "ecb"
    ecb_url: str = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"
    # Manual rates against the base currency: "EUR=0.92,GBP=0.79".
    manual_rates: str = ""
    currency_codes: str = "AUD,CAD,CHF,CNY,EUR,GBP,JPY,NZD,USD"
    currency_refresh_hours: float = 24.0
    # Feature flags as JSON: {"KEY": [{"condition": "boolean", "value": true}, ...]}.
    flags: str = "{}"
    batch_code_template: str = "{{ year }}{{ week }}-{{ counter }}"
    # Action plugins enabled in this deployment (entry-point names, comma separated).
    plugins_enabled: str = ""
    # The importer: file limits, and where its background jobs run (empty: in this process;
    # redis://host:port/db: a queue shared by every worker).
    import_max_rows: int = 2_000_000
    import_max_columns: int = 200
    import_max_unpacked_bytes: int = 1024 * 1024 * 1024
    import_queue_url: str = ""
    # Background work (storeroom/background/): empty queue_url runs every job in this process
    # (the embedded default); redis://host:port/db puts them on a SAQ queue that `storeroom
    # worker` processes take from (import_queue_url, its older name, is read when it is empty).
    queue_url: str = ""
    # With a queue_url: whether `serve` also runs jobs in each web process (false: web only).
    worker_in_web: bool = True
    job_timeout_seconds: int = 3600
    # A worker touches each job it runs this often / 3; a job untouched this long (its worker was
    # killed) is handed to another worker by the next sweep.
    job_heartbeat_seconds: int = 30
    job_retries: int = 3
    # How often a worker looks for jobs whose worker died (timed out and still active).
    worker_sweep_seconds: int = 60
    # SIGTERM: how long a worker lets its running jobs finish before handing them back.
    worker_grace_seconds: int = 30
    # Attachments: the largest file accepted (bytes), and where files are kept: "local"
    # (data_dir/attachments/<tenant>/) or "s3" (an S3-compatible bucket, settings below).
    attachment_max_size: int = 100 * 1024 * 1024
    attachment_storage: str = "local"
    s3_bucket: str = ""
    # Keys are <prefix><tenant>/<key>; empty endpoint: AWS itself.
    s3_prefix: str = "attachments/"
    s3_endpoint_url: str = ""
    s3_region: str = "us-east-1"
    s3_access_key: str = ""
    s3_secret_key: str = ""
    config_file: str = ""
    accesses: tuple[ConfigAccess, ...] = field(default=(), compare=False)
    # Warnings for the operator: variables and file keys that are not settings.
    notices: tuple[str, ...] = field(default=(), compare=False)

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "platform.sqlite3"

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith(("postgres://", "postgresql"))


def _parse(key: str, raw: Any, kind: Any) -> Any:
    try:
        if kind is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError("expected true or false")
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
        if kind is Path:
            return Path(str(raw))
        return str(raw)
    except ValueError as error:
        raise SettingsError(f"setting {key}: cannot use {raw!r} ({error})") from error


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Build Settings from overrides, then the environment, then the config file, then defaults."""
    env = os.environ if environ is None else environ
    hints = get_type_hints(Settings)
    config_file = overrides.get("config_file") or env.get(f"{ENV_PREFIX}CONFIG_FILE", "")
    file_values: dict[str, Any] = {}
    if config_file:
        try:
            file_values = tomllib.loads(Path(config_file).read_text())
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise SettingsError(f"config file {config_file}: {error}") from error
    values: dict[str, Any] = {}
    accesses = []
    now = datetime.now(UTC)
    for item in dataclasses.fields(Settings):
        if item.name in ("accesses", "notices"):
            continue
        env_var = f"{ENV_PREFIX}{item.name.upper()}"
        if item.name in overrides:
            raw, source = overrides[item.name], "override"
        elif env_var in env:
            raw, source = env[env_var], "env"
        elif item.name in file_values:
            raw, source = file_values[item.name], "file"
        else:
            accesses.append(ConfigAccess(item.name, env_var, item.name, "default", now))
            continue
        values[item.name] = _parse(item.name, raw, hints[item.name])
        accesses.append(ConfigAccess(item.name, env_var, item.name, source, now))
    values["config_file"] = str(config_file)
    _check_database_url(values.get("database_url", ""))
    notices = unknown_keys(env, file_values, config_file)
    return Settings(**values, accesses=tuple(accesses), notices=notices)


def _check_database_url(url: str) -> None:
    if url and not url.startswith(DATABASE_SCHEMES):
        shown = re.sub(r"//([^:/@]*):[^@/]*@", r"//\1:********@", url)
        raise SettingsError(
            f"setting database_url: cannot use {shown!r} "
            "(expected postgresql://user@host:5432/database or sqlite:///path)"
        )


def unknown_keys(
    env: Mapping[str, str], file_values: Mapping[str, Any], file: str
) -> tuple[str, ...]:
    """A warning for each STOREROOM_* variable and config file key that names no setting (a
    misspelt key would otherwise be ignored in silence), with the closest key."""
    keys = [item.name for item in dataclasses.fields(Settings)]
    keys = [key for key in keys if key not in ("accesses", "notices")]
    notices = []
    for name in sorted(env):
        key = name.removeprefix(ENV_PREFIX).lower()
        if name.startswith(ENV_PREFIX) and not name.startswith(NOT_SETTINGS) and key not in keys:
            close = difflib.get_close_matches(key, keys, n=1)
            hint = f"; did you mean {ENV_PREFIX}{close[0].upper()}?" if close else ""
            notices.append(f"{name} is not a setting and is ignored{hint}")
    for key in sorted(set(file_values) - set(keys)):
        close = difflib.get_close_matches(key, keys, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        notices.append(f"{key} in {file} is not a setting and is ignored{hint}")
    return tuple(notices)


# The password of any URL in a value (redis://default:PASSWORD@host), and a password given as a
# query parameter (?password=...): masked wherever they appear, whatever the key.
URL_PASSWORD = re.compile(r"(?P<prefix>[A-Za-z][A-Za-z0-9+.-]*://[^:@/?#\s]*:)[^/?#\s]*(?=@)")
QUERY_PASSWORD = re.compile(r"(?P<prefix>[?&](?:password|passwd|pwd|secret|token)=)[^&#\s]*", re.I)
MASK = "********"


def displayed_value(settings: Settings, key: str) -> str:
    """The value shown to administrators; secrets and URL passwords are masked."""
    value = getattr(settings, key)
    if key in SECRET_KEYS and value:
        return MASK
    shown = URL_PASSWORD.sub(lambda found: found["prefix"] + MASK, str(value))
    return QUERY_PASSWORD.sub(lambda found: found["prefix"] + MASK, shown)
