"""Opening only what is ours: the checks a store file passes before a :class:`~conflictwire.store.
database.Store` uses it, and the read-only connections.

A store carries SQLite's ``application_id`` :data:`APPLICATION_ID` (stores made before it was
set are recognised by their ``migrations`` table). Another program's database, or a file that
is not SQLite, is refused before anything is written to it, from its header; so is a store that
fails SQLite's ``quick_check``. Read-only connections are ``mode=ro``: they never create a file
or a table.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from conflictwire.store.errors import Cause, StoreError, explained
from conflictwire.store.migrations import MIGRATIONS, applied_migrations

# SQLite's application_id of a conflictwire store: "CWDB" in ASCII (0x43574442), set when a
# store is created (or first written by this version) and checked on every open.
APPLICATION_ID = 0x43574442


def check(path: Path, *, read_only: bool, check_pages: bool = True) -> sqlite3.Connection | None:
    """A ``mode=ro`` connection to the store at ``path`` once it is known to be ours and
    undamaged; ``None`` for a store still to be created (writing: no file, or an empty one).

    Another program's file, or a damaged store, is refused without creating anything next to it:
    the header is read first, and a database in WAL mode with no log beside it is checked
    ``immutable``.
    """
    if not path.exists():
        if read_only:
            raise StoreError(path, Cause.MISSING)
        folder = path.absolute().parent
        if not folder.is_dir():
            raise StoreError(path, Cause.CANNOT_OPEN, f"there is no folder {folder}")
        _check_writable(path)
        return None
    if not path.is_file():
        raise StoreError(path, Cause.CANNOT_OPEN, "it is a folder" if path.is_dir() else None)
    header = _header(path)
    if not header:
        if read_only:
            raise StoreError(path, Cause.MISSING, "the file is empty")
        _check_writable(path)
        return None
    # In WAL mode with no log beside it, no one is writing: the checks read the file as it is
    # (``immutable``), so refusing it leaves no -wal/-shm files behind.
    idle_wal = header[18] == 2 and not Path(f"{path}-wal").exists()
    conn = _connect_ro(path, immutable=idle_wal)
    try:
        with explained(path):
            if _is_ours(conn, path):
                if check_pages:
                    _quick_check(conn, path)
            elif read_only:
                raise StoreError(path, Cause.MISSING, "the file holds no tables")
        if not read_only:
            _check_writable(path)
    except BaseException:
        conn.close()
        raise
    if idle_wal:
        conn.close()
        conn = _connect_ro(path)
    return conn


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _header(path: Path) -> bytes:
    """The first 100 bytes of ``path`` (SQLite's header); raises for a file that is not
    SQLite, or is another program's by its application id. ``b""`` for an empty file."""
    with explained(path), path.open("rb") as file:
        header = file.read(100)
    if not header:
        return header
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise StoreError(path, Cause.NOT_OURS, "not a SQLite database")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id not in (0, APPLICATION_ID):
        raise StoreError(path, Cause.NOT_OURS, _foreign_id(app_id))
    return header


def _foreign_id(app_id: int) -> str:
    return f"its SQLite application id is {app_id & 0xFFFFFFFF:#010x}, another program's"


def _connect_ro(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro" + ("&immutable=1" if immutable else "")
    with explained(path):
        return sqlite3.connect(uri, uri=True, isolation_level=None)


def read_only_connection(path: str | Path) -> sqlite3.Connection:
    """Another ``mode=ro`` connection to a store already opened (and so checked) as a
    :class:`Store`, usable from any thread (one thread at a time); it never writes."""
    with explained(path):
        conn = sqlite3.connect(
            f"file:{quote(str(Path(path).resolve()))}?mode=ro",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
        conn.execute("PRAGMA query_only = 1")
    return conn


def _check_writable(path: Path) -> None:
    folder = path.resolve().parent
    for target, what in ((path, "the file"), (folder, f"its folder {folder}")):
        if target.exists() and not os.access(target, os.W_OK):
            raise StoreError(path, Cause.READ_ONLY, f"{what} is not writable")


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {name for (name,) in rows}


def _is_ours(conn: sqlite3.Connection, path: Path) -> bool:
    """True for our store, False for an empty database; another program's raises."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        return True
    if app_id != 0:
        raise StoreError(path, Cause.NOT_OURS, _foreign_id(app_id))
    tables = _tables(conn)
    if not tables:
        return False
    if _made_before_application_id(conn, tables):
        return True
    shown = ", ".join(sorted(tables)[:6]) + (", …" if len(tables) > 6 else "")
    raise StoreError(path, Cause.NOT_OURS, f"it holds another program's tables: {shown}")


def _made_before_application_id(conn: sqlite3.Connection, tables: set[str]) -> bool:
    """A store from a version that did not set the application id: our ``migrations`` table,
    recording only our migrations (none only when it is the sole table)."""
    if "migrations" not in tables:
        return False
    columns = [row[1] for row in conn.execute("PRAGMA table_info(migrations)")]
    if columns != ["name", "applied_at"]:
        return False
    names = _recorded(conn)
    ours = {m.__name__ for m in MIGRATIONS}
    return set(names) <= ours and (bool(names) or tables == {"migrations"})


def _recorded(conn: sqlite3.Connection) -> list[str]:
    """The migrations recorded in ``conn`` (none when it has no ``migrations`` table), without
    writing to it."""
    if "migrations" not in _tables(conn):
        return []
    return applied_migrations(conn)


def missing_migrations(conn: sqlite3.Connection) -> list[str]:
    done = set(_recorded(conn))
    return [m.__name__ for m in MIGRATIONS if m.__name__ not in done]


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """SQLite's ``quick_check`` (every page read, structure checked); damage raises."""
    found = "\n".join(row[0] for row in conn.execute("PRAGMA quick_check(3)"))
    problems = [
        line for line in found.splitlines() if line not in ("ok", "*** in database main ***")
    ]
    if problems:
        raise StoreError(path, Cause.DAMAGED, "SQLite's quick_check: " + "; ".join(problems))
