"""`storeroom serve --workers 2`: both workers start and answer, none is taken for hung."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import httpx

from tests.server.running import storeroom_serve

# The command's main module as each worker process imports it (uvicorn spawns its workers), made
# slow the way a loaded machine makes importing storeroom slow: uvicorn used to give a worker 5 s
# to answer its first health check, then killed it as hung and started another, for ever.
SLOW_MAIN = """
import sys
import time

if __name__ == "__mp_main__":
    time.sleep(8)

from storeroom.cli import main

if __name__ == "__main__":
    sys.argv[0] = "storeroom"
    main()
"""


def test_two_workers_start_without_one_dying(tmp_path: Path) -> None:
    main = tmp_path / "slow_storeroom.py"
    main.write_text(SLOW_MAIN)
    command = (sys.executable, str(main))
    with storeroom_serve(tmp_path, "--workers", "2", command=command, log_level="INFO") as served:
        # Each worker says so once its application has started; the second may still be starting
        # when the first answers.
        while served.output().count("Application startup complete") < 2:
            assert served.process.poll() is None, served.output()
            assert httpx.get(f"{served.url}/healthz").status_code == 200
            time.sleep(0.2)
        statuses = {httpx.get(f"{served.url}/healthz").status_code for _ in range(10)}
        output = served.output()
    assert statuses == {200}
    assert "died" not in output
    assert output.count("Started server process") == 2
