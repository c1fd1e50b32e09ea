"""Where uploaded import files are spooled while they arrive, and the sweep of those a killed
process left there half-written (api/stale_uploads.py)."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from pathlib import Path

from storeroom.api.stale_uploads import sweeping
from storeroom.settings import Settings


def incoming_folder(settings: Settings) -> Path:
    return settings.data_dir / "imports" / "incoming"


def sweeping_incoming(settings: Settings) -> AbstractAsyncContextManager[None]:
    """Sweep the folder at start, then hourly, while the block runs."""
    return sweeping(lambda: [incoming_folder(settings)])
