"""The facts the status endpoints report, gathered once and logged at start-up."""

from __future__ import annotations

import importlib.metadata
import logging
import platform
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import storeroom
from storeroom.background.queue import TaskQueue
from storeroom.errors import Unavailable
from storeroom.settings import Settings

logger = logging.getLogger("storeroom.status")
API_VERSION = 264
INVENTREE_VERSION = "0.17.0"


def git_commit(start: Path) -> str | None:
    """The checked-out commit, read from .git without running git."""
    for folder in (start, *start.parents):
        head = folder / ".git" / "HEAD"
        if head.is_file():
            text = head.read_text().strip()
            if not text.startswith("ref: "):
                return text or None
            ref = folder / ".git" / text.removeprefix("ref: ")
            if ref.is_file():
                return ref.read_text().strip() or None
            packed = folder / ".git" / "packed-refs"
            if packed.is_file():
                for line in packed.read_text().splitlines():
                    if line.endswith(text.removeprefix("ref: ")):
                        return line.split(" ", 1)[0]
            return None
    return None


@lru_cache(maxsize=1)
def module_versions() -> dict[str, str]:
    """Every imported top-level module that belongs to an installed distribution, sorted by name."""
    distributions = importlib.metadata.packages_distributions()
    found: dict[str, str] = {}
    for name in {module.split(".")[0] for module in list(sys.modules)}:
        for distribution in distributions.get(name, ()):
            try:
                found[name] = importlib.metadata.version(distribution)
            except importlib.metadata.PackageNotFoundError:
                continue
            break
    return dict(sorted(found.items()))


def commit_of(settings: Settings) -> str | None:
    return settings.commit or git_commit(Path(storeroom.__file__).resolve().parent)


def status_payload(settings: Settings, host: str | None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "api_version": 1,
        "commit": commit_of(settings),
        "server_address": host or "localhost",
        "python_version": sys.version,
    }
    if settings.show_platform_details:
        uname = platform.uname()
        payload["platform_info"] = {
            "system": uname.system,
            "node": uname.node,
            "release": uname.release,
            "version": uname.version,
            "machine": uname.machine,
            "processor": uname.processor,
        }
        payload["modules"] = module_versions()
    return payload


async def worker_figures(queue: TaskQueue) -> tuple[bool, int]:
    """`worker_running` and `worker_pending_tasks` as InvenTree's root shows them: a queue that
    cannot be reached has no worker running."""
    try:
        figures = await queue.figures()
    except Unavailable:
        return False, 0
    return figures.workers > 0, figures.pending


def root_payload(
    settings: Settings, database: str, workers: tuple[bool, int] = (True, 0)
) -> dict[str, Any]:
    return {
        "server": "InvenTree",
        "version": INVENTREE_VERSION,
        "instance": settings.instance_name,
        "apiVersion": API_VERSION,
        "worker_running": workers[0],
        "worker_pending_tasks": workers[1],
        "plugins_enabled": False,
        "plugins_install_disabled": True,
        "active_plugins": [],
        "email_configured": bool(settings.smtp_host),
        "debug_mode": False,
        "docker_mode": False,
        "default_locale": "en-us",
        "system_health": True,
        "database": database,
        "platform": platform.platform(),
        "installer": None,
        "target": None,
    }


def version_payload(settings: Settings) -> dict[str, Any]:
    return {
        "dev": False,
        "up_to_date": True,
        "version": {
            "server": f"storeroom {storeroom.__version__}",
            "api": API_VERSION,
            "commit_hash": commit_of(settings) or "",
            "commit_date": "",
            "commit_branch": "",
            "python": platform.python_version(),
            # InvenTree names its web framework here; ours is Litestar.
            "django": importlib.metadata.version("litestar"),
        },
        "links": {
            "doc": "https://docs.inventree.org/en/latest",
            "code": "https://github.com/InvenTree/InvenTree/",
            "credit": "https://docs.inventree.org/en/latest/credits/",
            "app": "https://docs.inventree.org/app/",
            "bug": "https://github.com/InvenTree/InvenTree/issues",
        },
    }


def log_status(settings: Settings) -> None:
    payload = status_payload(settings, None)
    logger.info(
        "storeroom %s, commit %s, Python %s, %s modules",
        storeroom.__version__,
        payload["commit"],
        platform.python_version(),
        len(payload.get("modules", {})),
    )
