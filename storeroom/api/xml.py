"""Djblets' XML format, written by ElementTree, so it is always well formed and escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from typing import Any


def _fill(element: ElementTree.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(ElementTree.SubElement(element, str(key)), item)
    elif isinstance(value, list | tuple):
        element.set("type", "array")
        for item in value:
            _fill(ElementTree.SubElement(element, "item"), item)
    elif value is None:
        element.set("null", "true")
    elif isinstance(value, bool):
        element.text = "1" if value else "0"
    else:
        element.text = str(value)


def to_xml(value: Any, root: str = "rsp") -> bytes:
    element = ElementTree.Element(root)
    _fill(element, value)
    body: bytes = ElementTree.tostring(element, "utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body
