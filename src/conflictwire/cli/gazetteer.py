"""``conflictwire gazetteer build|info|import``: the offline GeoNames index."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .errors import fail, resource_errors
from .options import load_settings


def _index_path() -> Path:
    from ..gazetteer import default_index_path

    configured = load_settings(None).gazetteer_path
    return Path(configured) if configured else default_index_path()


@click.group()
def gazetteer() -> None:
    """Build, inspect and extend the offline gazetteer index."""


@gazetteer.command()
@click.option("--force", is_flag=True, help="Rebuild even if the index is current.")
def build(force: bool) -> None:
    """Build the index from the installed GeoNames data (once; cached)."""
    from ..gazetteer import Gazetteer, build_index

    path = _index_path()
    with resource_errors():
        if force:
            build_index(path, progress=True)
        Gazetteer.open(path)
    click.echo(f"gazetteer index ready: {path}", err=True)


@gazetteer.command()
def info() -> None:
    """Print what the index holds (JSON)."""
    from ..gazetteer import Gazetteer

    with resource_errors():
        details = Gazetteer.open(_index_path(), build=False).info()
    click.echo(json.dumps(details, indent=2, default=str))


@gazetteer.command(name="import")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False))
def import_(dump: str) -> None:
    """Add a GeoNames dump (allCountries.zip, a country zip or its .txt) to the index.

    A file that is not a GeoNames dump changes nothing and exits 3 with a message naming it."""
    from ..gazetteer import DumpError, Gazetteer, import_geonames_dump

    path = _index_path()
    with resource_errors():
        Gazetteer.open(path)  # make sure the base index exists first
        try:
            added = import_geonames_dump(path, Path(dump))
        except DumpError as exc:
            fail(str(exc))
    click.echo(f"{added} places imported from {dump} into {path}", err=True)
