"""Where records go: the one dispatch from a format name to its writer, for every record kind.

Each kind (articles, canonical events, timelines, control on a date) hands :func:`write_output`
its text writers by format name and, where it has one, its Parquet writer. ``out`` is a path, an
open text stream, or ``None``/``"-"`` for stdout; Parquet is binary and needs a path.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

Output = str | Path | TextIO | None
TextWriter = Callable[[TextIO], int]  # writes to a text stream, returns the records written
PathWriter = Callable[[str | Path], int]  # writes a binary file, returns the records written

PARQUET = "parquet"
PARQUET_NEEDS_A_PATH = (
    "parquet is a binary format and cannot go to stdout or a text stream; "
    "give a file path, e.g. --output events.parquet"
)


def is_stdout(out: Output) -> bool:
    return out is None or (isinstance(out, str) and out == "-")


@contextmanager
def opened(out: Output) -> Iterator[TextIO]:
    """A text stream for ``out``: stdout, the stream itself, or the file (UTF-8, closed after)."""
    if is_stdout(out):
        yield sys.stdout
    elif isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            yield stream
    else:
        assert out is not None
        yield out


def write_output(
    fmt: str,
    out: Output,
    text: Mapping[str, TextWriter],
    parquet: PathWriter | None = None,
) -> int:
    """Write with the writer ``fmt`` names to ``out``; returns the number of records written.

    ``ValueError`` for a format the kind has no writer for (the message lists those it has) and
    for Parquet to stdout or a text stream.
    """
    formats = (*text, *([PARQUET] if parquet else []))
    if fmt not in formats:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(formats)}")
    if fmt == PARQUET:
        if is_stdout(out) or not isinstance(out, str | Path):
            raise ValueError(PARQUET_NEEDS_A_PATH)
        assert parquet is not None
        return parquet(out)
    with opened(out) as stream:
        return text[fmt](stream)
