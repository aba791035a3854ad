"""Where records go: the one dispatch from a format name to its writer, for every record kind,
and the one way every command writes: checked, and to a file only on success.

Each kind (articles, canonical events, timelines, control on a date) hands :func:`write_output`
its text writers by format name and, where it has one, its Parquet writer. ``out`` is a path, an
open text stream, or ``None``/``"-"`` for stdout; Parquet is binary and needs a path.

A path is written through a temporary file in the same folder, renamed over ``out`` when the
writer has finished: a failed or interrupted run leaves no partial file, and an earlier file of
that name stays as it was. Devices and pipes (``/dev/null``, a FIFO) are written directly. Any
failed write (a full disk, stdout to ``/dev/full``) raises :class:`OutputError` naming the output;
a reader that closed its end (``| head``) raises :class:`BrokenPipeError`, for the caller to end
quietly.
"""

from __future__ import annotations

import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TextIO, cast

Output = str | Path | TextIO | None
TextWriter = Callable[[TextIO], int]  # writes to a text stream, returns the records written
PathWriter = Callable[[str | Path], int]  # writes a binary file, returns the records written

PARQUET = "parquet"
PARQUET_NEEDS_A_PATH = (
    "parquet is a binary format and cannot go to stdout or a text stream; "
    "give a file path, e.g. --output events.parquet"
)
STDOUT_NAME = "stdout"


class OutputError(Exception):
    """Writing the output failed; the message names the output and the cause."""


def is_stdout(out: Output) -> bool:
    return out is None or (isinstance(out, str) and out == "-")


def output_failed(name: str, error: OSError) -> OutputError:
    return OutputError(f"cannot write {name}: {error.strerror or error}")


class CheckedStream:
    """A text stream whose failed writes raise :class:`OutputError` naming it (a closed pipe
    still raises :class:`BrokenPipeError`); everything else is the wrapped stream's."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self.wrapped = stream
        self.name = name

    def write(self, text: str) -> int:
        try:
            return self.wrapped.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise output_failed(self.name, exc) from exc

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise output_failed(self.name, exc) from exc

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.wrapped, attribute)


def checked(stream: TextIO, name: str) -> TextIO:
    """``stream``, its failed writes raising :class:`OutputError` naming ``name``."""
    return cast(
        TextIO, stream if isinstance(stream, CheckedStream) else CheckedStream(stream, name)
    )


def _target(out: str | Path) -> Path:
    """The file a write to ``out`` replaces: through symbolic links, so a link stays a link."""
    return Path(os.path.realpath(out))


def _is_special(path: Path) -> bool:
    """A device, pipe or socket that exists: written in place, never replaced."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _temporary_beside(target: Path) -> Path:
    """A new hidden empty file next to ``target``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    while True:
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            os.close(os.open(tmp, flags, 0o666))
        except FileExistsError:
            continue
        return tmp


def _settle(tmp: Path, target: Path) -> None:
    """Sync ``tmp`` to disk, give it ``target``'s permissions if there is one, rename it."""
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    if target.is_file():
        os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
    os.replace(tmp, target)


@contextmanager
def replaced(out: str | Path) -> Iterator[Path]:
    """A temporary path to write, renamed over ``out`` when the block ends without error.

    On any error or interrupt the temporary file is removed and ``out`` is left as it was.
    Failing to create, sync or rename the file raises :class:`OutputError`.
    """
    target = _target(out)
    if target.is_dir():
        raise OutputError(f"cannot write {out}: it is a folder; give a file name")
    try:
        tmp = _temporary_beside(target)
    except OSError as exc:
        raise output_failed(str(out), exc) from exc
    try:
        yield tmp
        try:
            _settle(tmp, target)
        except OSError as exc:
            raise output_failed(str(out), exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def opened(out: Output) -> Iterator[TextIO]:
    """A checked text stream for ``out``: stdout (flushed at the end, so that a failed write is
    known before anyone reports success), a path (UTF-8, renamed into place on success: see
    :func:`replaced`), or the given stream itself."""
    if is_stdout(out):
        stream = checked(sys.stdout, STDOUT_NAME)
        yield stream
        stream.flush()
    elif isinstance(out, str | Path):
        if _is_special(Path(out)):
            with _open_text(out, str(out)) as stream:
                yield stream
            return
        with replaced(out) as tmp, _open_text(tmp, str(out)) as stream:
            yield stream
    else:
        assert out is not None
        yield out


@contextmanager
def _open_text(path: str | Path, name: str) -> Iterator[TextIO]:
    """``path`` opened for UTF-8 text, checked as ``name``, flushed and closed after."""
    try:
        handle = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise output_failed(name, exc) from exc
    stream = checked(handle, name)
    try:
        yield stream
        stream.flush()
    finally:
        with suppress(OSError):  # reported by the flush above, or the block failed first
            handle.close()


def write_output(
    fmt: str,
    out: Output,
    text: Mapping[str, TextWriter],
    parquet: PathWriter | None = None,
) -> int:
    """Write with the writer ``fmt`` names to ``out``; returns the number of records written.

    ``ValueError`` for a format the kind has no writer for (the message lists those it has) and
    for Parquet to stdout or a text stream; :class:`OutputError` when the output cannot be
    written.
    """
    formats = (*text, *([PARQUET] if parquet else []))
    if fmt not in formats:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(formats)}")
    if fmt == PARQUET:
        if is_stdout(out) or not isinstance(out, str | Path):
            raise ValueError(PARQUET_NEEDS_A_PATH)
        assert parquet is not None
        with replaced(out) as tmp:
            try:
                return parquet(tmp)
            except OSError as exc:
                raise output_failed(str(out), exc) from exc
    with opened(out) as stream:
        return text[fmt](stream)
