"""The HTML the server sends: the map page at ``/`` (``static/index.html``, whose modules
and style ``assets`` serves) and the API's reference at ``/api/docs``, written here from the
OpenAPI description.

Plain HTML: no inline script and no inline style (the Content-Security-Policy forbids inline
script); every text from the OpenAPI description is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from .assets import STATIC

router = APIRouter(include_in_schema=False)

_HEAD = (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    "<title>{title}</title>\n</head>\n<body>\n"
)
_FOOT = "</body>\n</html>\n"


@router.get("/", response_class=FileResponse)
def home() -> FileResponse:
    """The map page; its state (filters, view, the open event or place) is in the query."""
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


def _parameters(operation: dict[str, Any]) -> str:
    rows = []
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        kind = schema.get("type") or " or ".join(
            str(s.get("type", "")) for s in schema.get("anyOf", []) if s.get("type") != "null"
        )
        required = " (required)" if parameter.get("required") else ""
        rows.append(
            f"<li><code>{escape(str(parameter.get('name')))}</code> {escape(kind)}{required}"
            f": {escape(str(parameter.get('description') or ''))}</li>"
        )
    return f"<ul>{''.join(rows)}</ul>" if rows else "<p>No parameters.</p>"


@router.get("/api/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    parts = [
        _HEAD.format(title="conflictwire API"),
        f"<h1>{escape(spec['info']['title'])} API {escape(spec['info']['version'])}</h1>\n",
        f"<p>{escape(spec['info'].get('description', ''))}</p>\n",
        '<p>Machine-readable: <a href="/openapi.json">/openapi.json</a>.</p>\n',
    ]
    for path, operations in spec.get("paths", {}).items():
        for method, operation in operations.items():
            parts.append(f"<h2><code>{escape(method.upper())} {escape(path)}</code></h2>\n")
            description = operation.get("description") or operation.get("summary") or ""
            parts.append(f"<p>{escape(description)}</p>\n{_parameters(operation)}\n")
    parts.append(_FOOT)
    return HTMLResponse("".join(parts))
