"""Why a store could not be used, in words a user can act on: one message per cause.

Every SQLite failure on a store goes through :func:`explain` (or is raised as a
:class:`StoreError` by the store itself); the CLI prints the message and exits 3.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path


class Cause(Enum):
    MISSING = "missing"  # no file (a read-only command), or an empty database
    NOT_OURS = "not ours"  # not SQLite, or another program's database
    DAMAGED = "damaged"  # fails SQLite's integrity check, or pages are malformed
    READ_ONLY = "read-only"  # the file or its folder cannot be written
    DISK_FULL = "disk full"
    LOCKED = "locked"  # another program holds the write lock
    CANNOT_OPEN = "cannot open"  # no such folder, a folder given as the file, permissions
    IO = "i/o"
    OTHER = "other"


_ADVICE = {
    Cause.MISSING: "create one with `conflictwire ingest INPUT --db {path}`",
    Cause.NOT_OURS: "it was not changed; give --db the path of a conflictwire store, or a new "
    "file for ingest to create",
    Cause.DAMAGED: "nothing was written to it; restore it from a backup, or copy out what is "
    "readable with `sqlite3 {path} .recover`",
    Cause.READ_ONLY: "make the file and its folder writable, or give --db a writable path",
    Cause.DISK_FULL: "the interrupted transaction was rolled back and what was stored before "
    "is kept; free some space and run the command again (stored texts are skipped)",
    Cause.LOCKED: "another program (another ingest?) is writing to it; run the command again "
    "when it is done",
    Cause.CANNOT_OPEN: "check that its folder exists and that the path is a file",
    Cause.IO: "check the disk or the network share it is on",
    Cause.OTHER: "",
}

_SUMMARY = {
    Cause.MISSING: "no database at {path}",
    Cause.NOT_OURS: "{path} is not a conflictwire store",
    Cause.DAMAGED: "the store at {path} is damaged",
    Cause.READ_ONLY: "cannot write to the store at {path}: the file or its folder is read-only",
    Cause.DISK_FULL: "the disk holding the store at {path} is full",
    Cause.LOCKED: "the store at {path} is locked",
    Cause.CANNOT_OPEN: "cannot open the store at {path}",
    Cause.IO: "input/output error on the store at {path}",
    Cause.OTHER: "database error on the store at {path}",
}


class StoreError(Exception):
    """A store that cannot be used: its path, the cause, and SQLite's own words (``detail``)."""

    def __init__(self, path: str | Path, cause: Cause, detail: str | None = None) -> None:
        self.path, self.cause, self.detail = str(path), cause, detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = _SUMMARY[self.cause].format(path=self.path)
        if self.detail:
            text += f" ({self.detail})"
        advice = _ADVICE[self.cause].format(path=self.path)
        return f"{text}; {advice}" if advice else text


# SQLite's primary result codes (the low byte of the extended code) -> cause.
_CAUSES = {
    sqlite3.SQLITE_NOTADB: Cause.NOT_OURS,
    sqlite3.SQLITE_CORRUPT: Cause.DAMAGED,
    sqlite3.SQLITE_READONLY: Cause.READ_ONLY,
    sqlite3.SQLITE_PERM: Cause.READ_ONLY,
    sqlite3.SQLITE_FULL: Cause.DISK_FULL,
    sqlite3.SQLITE_BUSY: Cause.LOCKED,
    sqlite3.SQLITE_LOCKED: Cause.LOCKED,
    sqlite3.SQLITE_CANTOPEN: Cause.CANNOT_OPEN,
    sqlite3.SQLITE_IOERR: Cause.IO,
}


def explain(exc: sqlite3.Error, path: str | Path) -> StoreError:
    """The :class:`StoreError` for a failure SQLite reported on the store at ``path``."""
    code = getattr(exc, "sqlite_errorcode", None)
    cause = _CAUSES.get(code & 0xFF, Cause.OTHER) if code is not None else Cause.OTHER
    if cause is Cause.NOT_OURS:
        return StoreError(path, cause, "not a SQLite database")
    return StoreError(path, cause, str(exc))


@contextmanager
def explained(path: str | Path) -> Iterator[None]:
    """Turn SQLite failures inside the block into :class:`StoreError` for ``path``."""
    try:
        yield
    except sqlite3.Error as exc:
        raise explain(exc, path) from exc
