"""``create_app``: the FastAPI app over one store, read-only (docs/ARCHITECTURE.md, serve)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI

from .. import __version__
from ..settings import Settings
from . import articles, assets, errors, events, meta, pages, places, quotes
from .gazetteer import Places
from .reader import Reader
from .security import Guard

DESCRIPTION = (
    "Canonical conflict events from a conflictwire store, with every report, its article and "
    "the evidence spans each value was read from. Read-only, GET only. Errors are JSON: "
    '{"status": 422, "error": "...", "problems": [...]}.'
)


def create_app(
    db_path: str | Path, *, settings: Settings | None = None, gazetteer: Any = None
) -> FastAPI:
    """The app serving the store at ``db_path``; raises ``StoreError`` when it is missing, not
    ours or cannot be read. ``gazetteer``: an opened one for place searches (default: the
    settings' index, opened on first use)."""
    settings = settings or Settings()
    reader = Reader(db_path, settings)
    app = FastAPI(
        title="conflictwire",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.reader = reader
    app.state.settings = settings
    app.state.places = Places(settings, gazetteer)
    errors.install(app, reader.path)
    app.add_middleware(Guard)
    for module in (events, articles, places, quotes, meta):
        app.include_router(module.router)
    app.include_router(pages.router)
    assets.mount(app, settings)
    return app
