"""Contract fuzzing: schemathesis drives a running storeroom with its own `/api/schema/` and
with InvenTree's general contract. No answer is a 5xx, every answer conforms to the document, and
every 4xx carries DRF's error shape. Each run is bounded (STOREROOM_FUZZ_SECONDS, default 40);
`tools/fuzz.py` runs a long one against any server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from storeroom.settings import Settings
from tests.conftest import PASSWORD

SECONDS = os.environ.get("STOREROOM_FUZZ_SECONDS", "40")
CONTRACT = Path(__file__).resolve().parents[2] / "contract" / "inventree-264-general.yaml"
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
# Operations the fuzzer must not run: they end its own login (logout) or delete its user.
EXCLUDED = ["--exclude-path", "/api/auth/logout/", "--exclude-operation-id", "user_me_destroy"]
# Left out on purpose: a schema-valid body can still be refused for what no schema can say (an
# id that does not exist, a name already taken), and DRF, whose behaviour we keep, turns a number
# sent for a text field into text rather than refusing it.
NOT_CHECKED = "positive_data_acceptance,negative_data_rejection"


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    # Thousands of requests with made-up credentials must not lock the fuzzer out, and the
    # currency refresh must not need the internet.
    return make_settings(
        login_attempts_per_minute=1_000_000,
        currency_provider="manual",
        manual_rates="EUR=0.92,GBP=0.79",
    )


def token_of(server: str, username: str = "admin", password: str = PASSWORD) -> str:
    answer = httpx.get(f"{server}/api/user/token/?name=fuzz", auth=(username, password))
    answer.raise_for_status()
    return str(answer.json()["token"])


def fuzz(
    schema: str, server: str, report: Path, *options: str, token: str | None = None
) -> subprocess.CompletedProcess[str]:
    command = [
        str(SCHEMATHESIS),
        "run",
        schema,
        "--url",
        server,
        "--header",
        f"Authorization: Token {token or token_of(server)}",
        "--max-time",
        SECONDS,
        "--workers",
        "2",
        "--seed",
        "20261127",
        # The coverage phase trips over its own lambdas on some of our schemas (a schemathesis
        # error, not a finding); examples, fuzzing and stateful runs cover every operation.
        "--phases",
        "examples,fuzzing,stateful",
        "--report",
        "har",
        "--report-har-path",
        str(report),
        *EXCLUDED,
        *options,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=int(SECONDS) * 6)  # noqa: S603


def is_error_shape(body: Any) -> bool:
    """`{"detail": "..."}`, or each invalid field (and `non_field_errors`) with its messages."""
    if not isinstance(body, dict) or not body:
        return False
    if set(body) == {"detail"}:
        return isinstance(body["detail"], str)
    return all(isinstance(messages, list | dict | str) for messages in body.values())


def client_errors_out_of_shape(report: Path) -> list[str]:
    entries = json.loads(report.read_text())["log"]["entries"]
    wrong = []
    for entry in entries:
        status = entry["response"]["status"]
        if not 400 <= status < 500:
            continue
        text = entry["response"]["content"].get("text", "")
        try:
            body = json.loads(text)
        except ValueError:
            body = None
        if not is_error_shape(body):
            request = entry["request"]
            wrong.append(f"{request['method']} {request['url']} -> {status} {text[:200]}")
    return wrong


def assert_clean(run: subprocess.CompletedProcess[str], report: Path) -> None:
    assert run.returncode == 0, run.stdout[-20_000:] + run.stderr[-5_000:]
    assert "API Operations" in run.stdout  # it really ran
    wrong = client_errors_out_of_shape(report)
    assert not wrong, "4xx answers not in DRF's error shape:\n" + "\n".join(wrong[:50])


def test_fuzzing_our_own_schema(live_server: str, tmp_path: Path) -> None:
    report = tmp_path / "own.har"
    run = fuzz(
        f"{live_server}/api/schema/",
        live_server,
        report,
        "--checks",
        "all",
        "--exclude-checks",
        NOT_CHECKED,
    )
    assert_clean(run, report)


def contract_with_our_differences(target: Path) -> Path:
    """InvenTree's contract with the differences docs/api-behaviour.md and
    tests/api/test_contract.py give reasons for: without `limit` a list answers the whole list
    as a bare array, and before the first refresh the exchange rates have no `updated` time."""
    contract = yaml.safe_load(CONTRACT.read_text())
    schemas = contract["components"]["schemas"]
    schemas["CurrencyExchange"]["properties"]["updated"]["nullable"] = True
    for item in contract["paths"].values():
        operation = item.get("get", {})
        names = {parameter.get("name") for parameter in operation.get("parameters", [])}
        answer = operation.get("responses", {}).get("200", {})
        schema = answer.get("content", {}).get("application/json", {}).get("schema")
        if "limit" not in names or schema is None:
            continue
        page = schemas[schema["$ref"].rsplit("/", 1)[1]]
        items = page["properties"]["results"]
        answer["content"]["application/json"]["schema"] = {"oneOf": [schema, items]}
    target.write_text(yaml.safe_dump(contract))
    return target


def test_fuzzing_inventree_general_contract(live_server: str, tmp_path: Path) -> None:
    report = tmp_path / "contract.har"
    # InvenTree documents no 4xx at all: each is checked for our error shape instead.
    run = fuzz(
        str(contract_with_our_differences(tmp_path / "contract.yaml")),
        live_server,
        report,
        "--checks",
        "not_a_server_error,response_schema_conformance,content_type_conformance",
    )
    assert_clean(run, report)
