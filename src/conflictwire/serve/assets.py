"""The map page's files, served by ``serve``: our own (``serve/static``: the page, its style
and its plain ES modules) at ``/static``, and the front-end packages ``make install`` puts in
``web/node_modules`` (from the npm registry, pinned by ``web/package-lock.json``) at
``/vendor/<package>``. Nothing is bundled, nothing comes from a CDN."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ..settings import Settings

STATIC = Path(__file__).with_name("static")
# The source checkout's web/node_modules (serve/ → conflictwire/ → src/ → the checkout).
CHECKOUT_MODULES = Path(__file__).resolve().parents[3] / "web" / "node_modules"
# /vendor/<name>: the folder of each package the page loads (see web/package.json).
VENDOR = {
    "leaflet": "leaflet/dist",
    "topojson-client": "topojson-client/dist",
    "world-atlas": "world-atlas",
}


def modules_dir(settings: Settings) -> Path:
    return Path(settings.web_modules) if settings.web_modules else CHECKOUT_MODULES


def missing_packages(settings: Settings) -> list[str]:
    """The packages of :data:`VENDOR` that are not installed."""
    root = modules_dir(settings)
    return [name for name, folder in VENDOR.items() if not (root / folder).is_dir()]


def mount(app: FastAPI, settings: Settings) -> None:
    """Serve the page's own files and every installed front-end package (a missing one is
    answered 404; ``serve`` says so when it starts and the page shows a message)."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    root = modules_dir(settings)
    for name, folder in VENDOR.items():
        if (root / folder).is_dir():
            app.mount(f"/vendor/{name}", StaticFiles(directory=root / folder), name=name)
