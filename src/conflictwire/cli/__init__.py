"""The ``conflictwire`` command: thin commands over the library.

Exit codes (``errors.ExitCode``): 0 success; 1 some inputs could not be read or processed (the
rest were); 2 usage error; 3 a resource is missing or broken (model, gazetteer, database,
output path, a failed write); 130 interrupted (Ctrl-C); 141 stdout closed by its reader.
"""

from __future__ import annotations

import logging
from typing import Any

import click

from .. import __version__
from .errors import guarded
from .evaluate import evaluate
from .gazetteer import gazetteer
from .process import demo, export, extract, ingest
from .query import control, events, timeline
from .serve import serve


class _Main(click.Group):
    """The command group; every command runs :func:`errors.guarded` (write failures, a closed
    pipe and Ctrl-C end the same way everywhere)."""

    def invoke(self, ctx: click.Context) -> Any:
        with guarded():
            return super().invoke(ctx)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="conflictwire")
@click.option("-v", "--verbose", is_flag=True, help="Log what is loaded and done.")
def main(verbose: bool) -> None:
    """Turn conflict news into sourced, geocoded, auditable records."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


for command in (
    extract,
    ingest,
    export,
    events,
    timeline,
    control,
    serve,
    gazetteer,
    evaluate,
    demo,
):
    main.add_command(command)
