"""Exit codes, and failures turned into messages a user can act on.

``ExitCode`` is the one home of the codes the commands exit with (README, "Exit codes").
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum
from typing import NoReturn, TextIO

import click

from ..export.output import STDOUT_NAME, OutputError, checked
from ..ingest import IngestError
from ..store.errors import StoreError, explain


class ExitCode(IntEnum):
    OK = 0
    INPUT_FAILED = 1  # some inputs could not be read or processed (the others were written)
    USAGE = 2  # a usage error (click's own code for them)
    RESOURCE = 3  # a resource is missing or broken: model, gazetteer, database, output path
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as the shell reports a process it interrupted)
    CLOSED_PIPE = 141  # stdout's reader closed it early (`| head`): 128 + SIGPIPE, no message


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
    """Failures of heavy resources (spaCy model, database, files) as ``fail`` messages (exit 3);
    a store's failures say their cause (``store.errors``)."""
    from ..engine.choice import EngineError
    from ..nlp import ModelNotFoundError

    try:
        yield
    except (ModelNotFoundError, EngineError) as exc:
        fail(str(exc))
    except OutputError as exc:
        fail(str(exc))
    except StoreError as exc:
        fail(exc.message)
    except sqlite3.Error as exc:  # outside a store's block: the cause without the path
        fail(explain(exc, "--db").message)
    except BrokenPipeError:
        raise  # the reader of stdout is gone: see `guarded`
    except OSError as exc:
        fail(str(exc))


def _discard_stdout(stream: TextIO) -> None:
    """Point stdout at the null device, so that what is still buffered for a closed pipe or a
    full disk is dropped quietly when Python exits, instead of failing a second time."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError):
        return  # not a real file (a test runner's capture): nothing is flushed at exit
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)


@contextmanager
def guarded() -> Iterator[None]:
    """Run a command with stdout checked; the ends every command shares.

    - a failed write to stdout (``> /dev/full``): ``error: cannot write stdout: ...``, exit 3;
    - stdout closed by its reader (``| head``): exit 141 without a word (128 + SIGPIPE, what a
      shell reports for other tools; the output so far went out);
    - Ctrl-C: ``interrupted``, exit 130 (a file given with ``-o`` is left as it was before).
    """
    real = sys.stdout
    sys.stdout = checked(real, STDOUT_NAME)
    try:
        try:
            yield
        finally:
            sys.stdout.flush()  # a failed write overrides the command's own exit
    except BrokenPipeError:
        _discard_stdout(real)
        sys.exit(ExitCode.CLOSED_PIPE)
    except OutputError as exc:
        _discard_stdout(real)
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted", ExitCode.INTERRUPTED)
    finally:
        sys.stdout = real
