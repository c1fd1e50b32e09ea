"""The plugins tests run on a deployment that enables the built-in plugin and the third-party
plugins of `third_party_plugin/` (installed by the test command as their own distribution)."""

import logging
from collections.abc import Callable, Iterator

import pytest

from storeroom.settings import Settings

ENABLED = "expand-serials, shout, crash"


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings(plugins_enabled=ENABLED)


class Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def plugin_log() -> Iterator[list[str]]:
    """What `storeroom.plugins` logs (caplog's handler is replaced when the app configures
    logging, so this one sits on the plugins' own logger)."""
    handler = Collected()
    logger = logging.getLogger("storeroom.plugins")
    logger.addHandler(handler)
    yield handler.messages
    logger.removeHandler(handler)
