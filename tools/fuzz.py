"""A long contract-fuzzing run against any running storeroom (the test suite runs a bounded one).

    .venv/bin/python tools/fuzz.py --url http://127.0.0.1:8000 --password ... [--seconds 1800]

Fuzzes the server's own /api/schema/ and InvenTree's general contract (with the differences
docs/api-behaviour.md prescribes) with schemathesis, exactly as
tests/proof/test_contract_fuzzing.py does, and checks every 4xx answer for DRF's error shape.
The user should be a superuser of a scratch tenant: the fuzzer creates, changes and deletes
whatever the API lets it. Start that server with a high STOREROOM_LOGIN_ATTEMPTS_PER_MINUTE
(e.g. 1000000): the invalid-credentials check sends thousands of bad logins, and past the limit
the server rightly answers 429 where the check expects 401.
Its exchange-rate feed must be reachable too, or /api/currency/refresh/ answers 503 (as it should).
--reports DIR keeps the HAR files of every request and answer.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.proof import test_contract_fuzzing as fuzzing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", required=True)
    parser.add_argument("--seconds", type=int, default=1800, help="per schema")
    parser.add_argument("--reports", default="", help="a folder to keep the HAR files in")
    arguments = parser.parse_args()
    fuzzing.SECONDS = str(arguments.seconds)
    token = fuzzing.token_of(arguments.url, arguments.user, arguments.password)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="storeroom-fuzz-") as scratch:
        folder = arguments.reports or scratch
        Path(folder).mkdir(parents=True, exist_ok=True)
        runs = {
            "own schema": (
                f"{arguments.url}/api/schema/",
                ["--checks", "all", "--exclude-checks", fuzzing.NOT_CHECKED],
            ),
            "InvenTree contract": (
                str(fuzzing.contract_with_our_differences(Path(folder) / "contract.yaml")),
                [
                    "--checks",
                    "not_a_server_error,response_schema_conformance,content_type_conformance",
                ],
            ),
        }
        for name, (schema, options) in runs.items():
            report = Path(folder) / f"{name.replace(' ', '-')}.har"
            run = fuzzing.fuzz(schema, arguments.url, report, *options, token=token)
            print(f"== {name}\n{run.stdout}{run.stderr[-5_000:]}")
            wrong = fuzzing.client_errors_out_of_shape(report) if report.exists() else []
            for line in wrong[:100]:
                print(f"4xx not in DRF's error shape: {line}")
            failed += run.returncode != 0 or bool(wrong)
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
