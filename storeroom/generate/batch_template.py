"""Rendering the deployment's batch code template in a sandbox.

The template comes from settings, yet a sandbox still keeps a mistaken or hostile template from
reaching Python internals (`__class__`, `__subclasses__`...) or exhausting memory; every failure
becomes a 400 naming `batch_code_template`, never a 500.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Template
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from storeroom.errors import Invalid

# Far beyond any batch code; a bound on `*` and `**` results and on `range`.
MAX_LENGTH = 1000
MAX_EXPONENT = 100


def _small_range(*args: int) -> range:
    found = range(*args)
    if len(found) > MAX_LENGTH:
        raise SecurityError(f"A range of more than {MAX_LENGTH} items is not allowed.")
    return found


class BatchCodeEnvironment(SandboxedEnvironment):
    """The sandbox, also refusing `'x' * 10**9` and `9 ** 9 ** 9` (plain sandboxes allow them)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"An exponent above {MAX_EXPONENT} is not allowed.")
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if (
                    isinstance(sequence, str | list | tuple)
                    and isinstance(times, int)
                    and len(sequence) * times > MAX_LENGTH
                ):
                    raise SecurityError(f"A value longer than {MAX_LENGTH} is not allowed.")
        return super().call_binop(context, operator, left, right)


ENVIRONMENT = BatchCodeEnvironment(autoescape=False)
ENVIRONMENT.globals["range"] = _small_range


@lru_cache(maxsize=16)
def _compiled(source: str) -> Template:
    return ENVIRONMENT.from_string(source)


def render_batch_code(source: str, context: dict[str, Any]) -> str:
    try:
        rendered = _compiled(source).render(context)
    # Whatever a template does wrong (syntax, sandbox, arithmetic, a method called badly), the
    # fault is the deployment's template, never the server's: every error is a 400.
    except Exception as error:
        raise Invalid.field(
            "batch_code_template", f"The batch code template could not be rendered: {error}"
        ) from None
    return rendered.strip()
