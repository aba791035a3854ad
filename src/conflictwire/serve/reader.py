"""The store, read-only, for a server: checked once at start, then a connection per request.

The file is opened as the read-only commands open it (``Store(read_only=True)``: ours, not
another program's), without SQLite's ``quick_check`` (it reads every page: seconds on a large
store; damage met later is answered 503 with the store's own message). Requests then borrow
``mode=ro`` connections from a small pool: they never write, and see what an ingest running
beside the server commits.

A store made by an older version lacks tables the API reads: it is upgraded, and what is not
grouped yet is grouped, in a copy in memory, as the read-only commands do (the file is not
touched); requests then share that one connection, one at a time. Reports not grouped yet in
an up-to-date store are left to the next ingest (:attr:`Reader.notes` says so).
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from starlette.requests import Request

from ..settings import Settings
from ..store import Store, explained, read_only_connection

POOL_SIZE = 8  # idle connections kept
CACHE_KIB = 32 * 1024  # SQLite's page cache per connection (its default is 2 MiB)


class Reader:
    """Read-only connections to the store at ``path``; raises ``StoreError`` when it is missing,
    not ours or cannot be read."""

    def __init__(self, path: str | Path, settings: Settings | None = None) -> None:
        from ..dedup import group_store
        from ..dedup.tables import pending_count

        self.path = str(path)
        self.notes: list[str] = []
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._memory: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        store = Store(self.path, read_only=True, check_pages=False)
        self.notes += store.notes
        with explained(self.path):
            pending = pending_count(store.conn)
            if store.notes:  # upgraded in memory: group there too, and serve that copy
                group_store(store.conn, settings)
                self._memory = sqlite3.connect(
                    ":memory:", isolation_level=None, check_same_thread=False
                )
                store.conn.backup(self._memory)
                self._memory.execute("PRAGMA query_only = 1")
                store.close()
                return
        if pending:
            self.notes.append(
                f"{pending} event reports or added outlets in {self.path} are not grouped yet;"
                " they are served after the next `conflictwire ingest` groups them"
            )
        store.close()

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection for one request."""
        if self._memory is not None:
            with self._lock:
                yield self._memory
            return
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = read_only_connection(self.path)
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.rollback()
            if self._idle.qsize() < POOL_SIZE:
                self._idle.put(conn)
            else:
                conn.close()

    def close(self) -> None:
        while not self._idle.empty():
            self._idle.get_nowait().close()
        if self._memory is not None:
            self._memory.close()


def reader_of(request: Request) -> Reader:
    """The app's reader (set by ``create_app``)."""
    found: Reader = request.app.state.reader
    return found
