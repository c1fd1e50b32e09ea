"""How an OpenAPI document differs from InvenTree's contract, one readable line per difference.

`tests/api/test_contract.py` runs it on `/api/schema/` against contract/*.yaml. Types
are compared loosely, as a client sees them: the type, a format that changes what a value is, null,
and choices; fields by name, leaving read-only ones out of requests and write-only ones out of
responses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Document = dict[str, Any]
# Formats that change what a value is; the others (uri, email, double...) only hint at checks.
FORMATS = frozenset({"date", "date-time", "time", "decimal", "binary"})
# Query parameters InvenTree serves without declaring them in its schema: (path or "*", name).
UNDECLARED_IN_CONTRACT = {
    ("*", "export"): "?export=csv|json|xlsx on every list (InvenTree's DataExportViewMixin)",
    ("/api/user/token/", "name"): "GET /api/user/token/?name=... names the token",
    ("/api/attachment/", "tags"): "the issue asks for filtering attachments by tag",
}


def is_null(schema: Document) -> bool:
    return schema.get("enum") == [None] or schema.get("type") == "null"


def flat(schema: Any, document: Document) -> Document:
    """One schema with its $ref, allOf and DRF's oneOf [Enum, BlankEnum, NullEnum] folded in."""
    if not isinstance(schema, dict):
        return {}
    folded = {"$ref", "allOf", "oneOf", "anyOf"}
    merged = {key: value for key, value in schema.items() if key not in folded}
    if "$ref" in schema:
        target: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        merged = {**flat(target, document), **merged}
    for part in schema.get("allOf", []):
        merged = {**flat(part, document), **merged}
    alternatives: list[Any] = schema.get("oneOf") or schema.get("anyOf") or []
    # Our own additions to a contract's schema (a list's bare array) are not compared.
    alternatives = [part for part in alternatives if not part.get("x-unpaged")]
    choices = [flat(part, document) for part in alternatives]
    real = [item for item in choices if not is_null(item) and item.get("enum") != [""]]
    if len(real) == 1:
        merged = {**real[0], **merged}
    elif real:
        merged["type"] = "|".join(sorted({str(type_of(item)) for item in real}))
    if any(map(is_null, choices)):
        merged["nullable"] = True
    if any(item.get("enum") == [""] for item in choices):
        merged["blank"] = True
    return merged


def type_of(schema: Document) -> str | None:
    if "type" in schema:
        return str(schema["type"])
    if "properties" in schema:
        return "object"
    kinds = {type(value) for value in schema.get("enum", []) if value not in (None, "")}
    names = {str: "string", int: "integer", bool: "boolean"}
    return names.get(kinds.pop()) if len(kinds) == 1 else None


def choices_of(schema: Document) -> list[str] | None:
    if "enum" not in schema:
        return None
    values = {value for value in schema["enum"] if value is not None}
    return sorted(map(str, values | ({""} if schema.get("blank") else set())))


def format_of(schema: Document) -> str | None:
    return schema.get("format") if schema.get("format") in FORMATS else None


def is_nullable(schema: Document) -> bool:
    return bool(schema.get("nullable")) or None in schema.get("enum", ())


@dataclass
class Comparison:
    """How the server's schemas differ from the contract's, one readable line per difference."""

    contract: Document
    server: Document
    # The data model's operations serve a subset of InvenTree's fields and filters: a field or
    # parameter we leave out is fine there, one we add or type differently is not.
    subset: bool = False
    problems: list[str] = field(default_factory=list)

    def report(self, where: str, aspect: str, wanted: Any, found: Any) -> None:
        if wanted != found:
            self.problems.append(f"{where}: {aspect} {wanted} in the contract, {found} here")

    def schemas(self, where: str, expected: Any, actual: Any, direction: str) -> None:
        want, have = flat(expected, self.contract), flat(actual, self.server)
        if type_of(want) and type_of(want) != type_of(have):
            self.report(where, "type", type_of(want), type_of(have))
            return
        self.report(where, "format", format_of(want), format_of(have))
        self.report(where, "nullable", is_nullable(want), is_nullable(have))
        if choices_of(want) is not None:
            self.report(where, "choices", choices_of(want), choices_of(have))
        if "properties" in want:
            self.fields(where, want, have, direction)
        if "items" in want:
            self.schemas(f"{where}[]", want["items"], have.get("items"), direction)
        values = want.get("additionalProperties")
        if isinstance(values, dict) and values and "properties" not in want:
            found = have.get("additionalProperties")
            self.schemas(f"{where}{{}}", values, found, direction)

    def fields(self, where: str, want: Document, have: Document, direction: str) -> None:
        # Read-only fields are not part of a request, write-only ones not part of a response.
        hidden = "readOnly" if direction == "request" else "writeOnly"
        wanted, found = (
            {
                name: schema
                for name, schema in parent.get("properties", {}).items()
                if not flat(schema, document).get(hidden)
            }
            for parent, document in ((want, self.contract), (have, self.server))
        )
        for name in sorted(wanted.keys() - found.keys()):
            if not self.subset:
                self.problems.append(f"{where}.{name}: missing here")
        for name in sorted(found.keys() - wanted.keys()):
            self.problems.append(f"{where}.{name}: not in the contract")
        for name in sorted(wanted.keys() & found.keys()):
            self.schemas(f"{where}.{name}", wanted[name], found[name], direction)

    def parameters(self, at: str, path: str, expected: Document, served: Document) -> None:
        wanted, found = parameters_in(expected, "path"), parameters_in(served, "path")
        self.report(at, "path parameters", sorted(wanted), sorted(found))
        for name in sorted(wanted.keys() & found.keys()):
            # InvenTree types some company ids as strings in its schema; they are integer pks.
            if not self.subset:
                self.schemas(f"{at} path {name}", wanted[name], found[name], "request")
        wanted, found = parameters_in(expected, "query"), parameters_in(served, "query")
        undeclared = {name for where, name in UNDECLARED_IN_CONTRACT if where in ("*", path)}
        if self.subset:
            return
        for name in sorted(wanted.keys() - found.keys()):
            self.problems.append(f"{at}: query parameter {name} missing here")
        for name in sorted(found.keys() - wanted.keys() - undeclared):
            self.problems.append(f"{at}: query parameter {name} not in the contract")

    def bodies(self, where: str, expected: Any, served: Any, direction: str) -> None:
        wanted, found = json_schema(expected), json_schema(served)
        if wanted is not None and found is None:
            self.problems.append(f"{where}: no JSON body here")
        elif wanted is not None:
            self.schemas(where, wanted, found, direction)

    def operation(self, method: str, path: str, expected: Document, served: Document) -> None:
        at = f"{method} {path}"
        # Clients generated from the schema name their methods after it.
        self.report(at, "operationId", expected.get("operationId"), served.get("operationId"))
        self.parameters(at, path, expected, served)
        bodies = expected.get("requestBody"), served.get("requestBody")
        self.bodies(f"{at} request", *bodies, "request")
        status = min(code for code in expected["responses"] if code.startswith("2"))
        if status not in served["responses"]:
            self.report(at, "success status", status, sorted(served["responses"]))
            return
        answers = expected["responses"][status], served["responses"][status]
        self.bodies(f"{at} {status}", *answers, "response")


def parameters_in(operation: Document, place: str) -> dict[str, Any]:
    found = operation.get("parameters", [])
    return {item["name"]: item.get("schema") for item in found if item["in"] == place}


def json_schema(part: Document | None) -> Any:
    return (part or {}).get("content", {}).get("application/json", {}).get("schema")


def differences(
    method: str,
    path: str,
    expected: tuple[Document, Document],
    served: tuple[Document, Document],
    subset: bool = False,
) -> list[str]:
    """How `served` (operation, its document) differs from `expected` (the contract's)."""
    comparison = Comparison(expected[1], served[1], subset)
    comparison.operation(method, path, expected[0], served[0])
    return comparison.problems
