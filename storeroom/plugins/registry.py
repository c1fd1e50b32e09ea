"""Finding the enabled action plugins among the installed `storeroom.plugins` entry points.

Only enabled plugins are imported, so an installed but disabled plugin never runs any code. A plugin
that cannot be loaded is logged and left out: its action answers 400 like any unknown action, and
the rest of the server is unaffected.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Mapping
from importlib.metadata import EntryPoint, entry_points

from storeroom.plugins.interface import ENTRY_POINT_GROUP, ActionPlugin

logger = logging.getLogger("storeroom.plugins")


def enabled_names(setting: str) -> list[str]:
    return [name.strip() for name in setting.split(",") if name.strip()]


def load_enabled(setting: str) -> Mapping[str, ActionPlugin]:
    """The enabled plugins by action name, from `plugins_enabled` (entry-point names)."""
    installed = {point.name: point for point in entry_points(group=ENTRY_POINT_GROUP)}
    plugins: dict[str, ActionPlugin] = {}
    for name in enabled_names(setting):
        point = installed.get(name)
        if point is None:
            logger.error("Action plugin %r is enabled but not installed.", name)
            continue
        plugin = _load(point)
        if plugin is None:
            continue
        if plugin.NAME in plugins:
            logger.error("Action plugin %r: action %r is taken; left out.", name, plugin.NAME)
            continue
        plugins[plugin.NAME] = plugin
        logger.info("Action plugin %r enabled (%s).", plugin.NAME, point.value)
    return plugins


def _load(point: EntryPoint) -> ActionPlugin | None:
    # A third party's import or constructor may raise anything; one broken plugin must not
    # take the server down, so it is logged with its traceback and left out.
    try:
        plugin = point.load()()
    except Exception:
        logger.exception("Action plugin %r (%s) failed to load.", point.name, point.value)
        return None
    if not (
        isinstance(plugin, ActionPlugin)
        and isinstance(plugin.NAME, str)
        and plugin.NAME
        and inspect.iscoroutinefunction(plugin.perform)
    ):
        logger.error(
            "Action plugin %r (%s) is not an action plugin: it needs a NAME and an async perform.",
            point.name,
            point.value,
        )
        return None
    return plugin
