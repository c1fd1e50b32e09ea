"""The rules of STYLE.md that a linter does not check."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "storeroom"
MODULES = [path for path in PACKAGE.rglob("*.py") if "migrations" not in path.parts]
DRAWERS = {"utils", "helpers", "common", "misc"}


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in MODULES
        if (n := len(path.read_text().splitlines())) > 400
    }
    assert long == {}


def test_no_module_is_a_drawer() -> None:
    assert [path.name for path in MODULES if path.stem in DRAWERS] == []


def test_only_db_creates_engines_or_connections() -> None:
    pattern = re.compile(r"\b(create_async_engine|create_engine|aiosqlite\.connect|create_pool)\(")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in MODULES
        if path.parent.name != "db" and pattern.search(path.read_text())
    ]
    assert offenders == []


def test_every_package_has_a_docstring() -> None:
    missing = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("__init__.py")
        if not path.read_text().lstrip().startswith('"""')
    ]
    assert missing == []


def test_nothing_reads_or_cites_files_outside_the_repository() -> None:
    """A fresh clone stands alone: the contract is in contract/, the behaviour notes in docs/."""
    root = PACKAGE.parent
    pattern = re.compile(r"\.\./shared|\"shared\" /|\b(NOTES|CONVENTIONS|STATUS-CODES)\.md\b")
    offenders = [
        str(path.relative_to(root))
        for folder in ("storeroom", "tests", "bench", "tools")
        for path in (root / folder).rglob("*.py")
        if path != Path(__file__).resolve() and pattern.search(path.read_text())
    ]
    assert offenders == []
