"""Djblets' XML format, as its encoder writes it: the body under `<rsp>`, each key an element, a
list as `<array>` of `<item>`s inside its key, an integer key as `<int value="N">`, numbers and
text as text (a boolean as 1 or 0: Djblets tests for integers first), null as an empty element,
each element on its own line indented one space per level. Written with the standard library's
SAX generator, so it is always well formed and escaped."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import XMLGenerator


class _Writer:
    def __init__(self, stream: io.StringIO) -> None:
        self.out = XMLGenerator(stream, "utf-8")
        self.level = 0
        self.indent_next = False

    def start(self, name: str, attributes: dict[str, str] | None = None) -> None:
        self.indent()
        self.out.startElement(name, attributes or {})  # type: ignore[arg-type]
        self.level += 1
        self.indent_next = True

    def end(self, name: str) -> None:
        self.level -= 1
        self.indent()
        self.out.endElement(name)
        self.indent_next = True

    def text(self, value: str) -> None:
        self.out.characters(value)
        self.indent_next = False

    def indent(self) -> None:
        if self.indent_next:
            self.out.ignorableWhitespace("\n" + " " * self.level)

    def value(self, value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, int) and not isinstance(key, bool):
                    name, attributes = "int", {"value": str(key)}
                else:
                    name, attributes = str(key), {}
                self.start(name, attributes)
                self.value(item)
                self.end(name)
        elif isinstance(value, list | tuple):
            self.start("array")
            for item in value:
                self.start("item")
                self.value(item)
                self.end("item")
            self.end("array")
        elif isinstance(value, bool):
            self.text("1" if value else "0")
        elif value is not None:
            self.text(str(value))


def to_xml(value: Any, root: str = "rsp") -> bytes:
    stream = io.StringIO()
    writer = _Writer(stream)
    writer.out.startDocument()
    writer.start(root)
    writer.value(value)
    writer.end(root)
    writer.out.endDocument()
    return stream.getvalue().encode("utf-8")
