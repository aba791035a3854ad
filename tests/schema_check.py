"""A minimal JSON Schema checker: the subset ``data/article.schema.json`` uses.

jsonschema is not a dependency; this keeps "schema-valid" checkable in tests.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def _is_type(value: Any, name: str) -> bool:
    if name in ("integer", "number"):
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        return numeric and (name == "number" or isinstance(value, int))
    return isinstance(value, _TYPES[name])


def schema_errors(
    value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$"
) -> Iterator[str]:
    if "$ref" in schema:
        node = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        yield from schema_errors(value, node, root, path)
        return
    types = schema.get("type")
    names = [types] if isinstance(types, str) else types or []
    if names and not any(_is_type(value, name) for name in names):
        yield f"{path}: {value!r} is not {types}"
        return
    if "const" in schema and value != schema["const"]:
        yield f"{path}: {value!r} != {schema['const']!r}"
    if "enum" in schema and value not in schema["enum"]:
        yield f"{path}: {value!r} not in {schema['enum']}"
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        yield f"{path}: {value!r} does not match {schema['pattern']}"
    low, high = schema.get("minimum", -math.inf), schema.get("maximum", math.inf)
    if _is_type(value, "number") and not low <= value <= high:
        yield f"{path}: {value!r} out of range"
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                yield f"{path}: missing {key!r}"
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                yield from schema_errors(value[key], sub, root, f"{path}.{key}")
    if isinstance(value, list):
        if not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", math.inf):
            yield f"{path}: {len(value)} items"
        for i, item in enumerate(value):
            yield from schema_errors(item, schema.get("items", {}), root, f"{path}[{i}]")


def load_schema() -> dict[str, Any]:
    text = resources.files("conflictwire").joinpath("data/article.schema.json").read_text()
    return json.loads(text)
