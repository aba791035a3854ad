"""Exit codes, and failures turned into messages a user can act on.

``ExitCode`` is the one home of the codes the commands exit with (README, "Exit codes").
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum
from typing import NoReturn

import click

from ..ingest import IngestError


class ExitCode(IntEnum):
    OK = 0
    INPUT_FAILED = 1  # some inputs could not be read or processed (the others were written)
    USAGE = 2  # a usage error (click's own code for them)
    RESOURCE = 3  # a resource is missing or broken: model, gazetteer, database, output path


def fail(message: str, code: ExitCode = ExitCode.RESOURCE) -> NoReturn:
    """Print ``error: message`` on stderr and exit with ``code``."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def report_error(error: IngestError) -> None:
    """An input that could not be read or processed: a warning naming it; the run goes on."""
    click.echo(f"warning: {error.origin}: {error.message}", err=True)


def exit_for(failed: list[IngestError]) -> NoReturn:
    """Exit 0, or 1 when some inputs could not be read or processed."""
    sys.exit(ExitCode.INPUT_FAILED if failed else ExitCode.OK)


@contextmanager
def resource_errors() -> Iterator[None]:
    """Failures of heavy resources (spaCy model, database, files) as ``fail`` messages (exit 3)."""
    from ..nlp import ModelNotFoundError

    try:
        yield
    except ModelNotFoundError as exc:
        fail(str(exc))
    except sqlite3.DatabaseError as exc:
        fail(f"database error: {exc} (is the --db file a conflictwire database?)")
    except OSError as exc:
        fail(str(exc))
