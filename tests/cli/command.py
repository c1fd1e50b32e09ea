"""Running `python -m storeroom` as an operator would: only the STOREROOM_* variables given."""

from __future__ import annotations

import os
import subprocess
import sys


def run_storeroom(
    variables: dict[str, str], *arguments: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    environment = {name: value for name, value in os.environ.items() if "STOREROOM_" not in name}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "storeroom", *arguments],
        capture_output=True,
        text=True,
        env=environment | {"STOREROOM_LOG_LEVEL": "WARNING", **variables},
        input=stdin,
        timeout=180,
        check=False,
    )
