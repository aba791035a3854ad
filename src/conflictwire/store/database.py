"""The SQLite store: articles and their items, idempotent by content hash.

Only files that are ours are opened: a store carries SQLite's ``application_id``
:data:`APPLICATION_ID` (stores made before it was set are recognised by their ``migrations``
table, and get it on their next write). Another program's database, or a file that is not
SQLite, is refused before anything is written to it; so is a store that fails SQLite's
``quick_check``. Read-only opens use a ``mode=ro`` connection: they never create a file or a
table.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

from conflictwire.ingest import content_hash
from conflictwire.models import ActorMention, Article, Claim, Event, Place, Quote
from conflictwire.outlets import outlet_name
from conflictwire.store.errors import Cause, StoreError, explained
from conflictwire.store.migrations import MIGRATIONS, applied_migrations, migrate

# SQLite's application_id of a conflictwire store: "CWDB" in ASCII (0x43574442), set when a
# store is created (or first written by this version) and checked on every open.
APPLICATION_ID = 0x43574442

TABLES = ("articles", "places", "actors", "events", "quotes", "claims")

# Each item table stores one model's fields, in order (after article_pk, article_id, idx).
# The tables themselves are created by the migrations: a field added to a model needs a new
# migration, or inserts fail naming the missing column.
ITEM_MODELS: dict[str, type] = {
    "places": Place,
    "actors": ActorMention,
    "events": Event,
    "quotes": Quote,
    "claims": Claim,
}
ITEM_COLUMNS: dict[str, tuple[str, ...]] = {
    table: tuple(f.name for f in fields(model)) for table, model in ITEM_MODELS.items()
}

_ARTICLE_COLUMNS = (
    "id",
    "content_hash",
    "title",
    "url",
    "source",
    "author",
    "published",
    "language",
    "text",
    "warnings",
    "origin",
    "record",
    "ingested_at",
)
# Known-hash lookups go in chunks below SQLite's default limit on bound variables.
_HASH_CHUNK = 500
# A second text under a stored id is stored as ``id~`` + this many hex digits of its hash
# (more when those are taken too).
ID_SUFFIX_HEX = 8


@dataclass(frozen=True)
class Renamed:
    """A text stored under another id than its input's, because that id was already taken."""

    origin: str | None
    given: str  # the input's id, already stored for another text
    stored: str  # the id this text was stored under

    @property
    def message(self) -> str:
        return (
            f"id {self.given!r} is already stored for another text; "
            f"this text is stored as {self.stored!r}"
        )


@dataclass(frozen=True)
class AddResult:
    """What one :meth:`Store.add_batch` (or :meth:`Store.add_sources`) did: articles stored,
    texts already stored from the same outlet (skipped), copies from another outlet (added as
    sources of the stored article), and texts stored under a new id."""

    added: int
    skipped: int
    sources: int = 0
    renamed: tuple[Renamed, ...] = ()


class Store:
    """Articles and their places, actors, events, quotes and claims in one SQLite file.

    Opening a file for writing creates it or applies the migrations it lacks. Each
    :meth:`add_batch` is one transaction: an interrupted batch leaves nothing behind, and storing
    a text whose hash is already stored stores nothing new (another outlet's copy adds that
    outlet as a source), so re-running an interrupted ingest is safe.

    ``read_only=True`` opens an existing store with a ``mode=ro`` connection. A store from an
    older version is then upgraded in a copy in memory (:attr:`notes` says so); the file is not
    touched. Failures raise :class:`~conflictwire.store.errors.StoreError` saying why.

    ``check_pages=False`` skips SQLite's ``quick_check``, which reads every page (seconds on a
    store of gigabytes): for a long-running reader that must start at once and reports damage
    when a query meets it.
    """

    def __init__(
        self, path: str | Path, *, read_only: bool = False, check_pages: bool = True
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.notes: list[str] = []  # what a user should know about this open
        if self.path == ":memory:":
            self.conn = sqlite3.connect(self.path, isolation_level=None)
            self._set_up()
        elif read_only:
            conn = _check(Path(self.path), read_only=True, check_pages=check_pages)
            assert conn is not None
            self.conn = conn
            missing = _missing_migrations(self.conn)
            if missing:
                self.copy_to_memory()
                self.notes.append(
                    f"{self.path} was made by an older version of conflictwire; it was upgraded "
                    "in memory for this command (the next `conflictwire ingest` upgrades the file)"
                )
        else:
            checked = _check(Path(self.path), read_only=False)
            if checked is not None:
                checked.close()
            with explained(self.path):
                self.conn = sqlite3.connect(self.path, isolation_level=None)
                self._set_up()

    def _set_up(self) -> None:
        """A writable connection: WAL, foreign keys, the migrations, our application id."""
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        migrate(self.conn, MIGRATIONS)
        if self.conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def copy_to_memory(self) -> None:
        """Go on with a copy of the store in memory, brought up to date (for a read-only open
        that needs writes: migrations, or grouping reports not yet grouped)."""
        memory = sqlite3.connect(":memory:", isolation_level=None)
        with explained(self.path):
            self.conn.backup(memory)
        self.conn.close()
        self.conn = memory
        self._set_up()

    @classmethod
    def memory(cls) -> Store:
        """A store in memory, for tests and one-off runs."""
        return cls(":memory:")

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def add_batch(self, articles: Sequence[Article]) -> AddResult:
        """Store ``articles`` in one transaction.

        A text already stored is not stored again; when it comes from an outlet the stored
        article does not list yet, that outlet is added as one of its sources. A new text under
        an id already stored for another text is stored as ``id~`` + the start of its content
        hash (:data:`ID_SUFFIX_HEX` hex digits); the article's ``id`` and ``warnings`` say so.
        """
        outcomes = {"added": 0, "skipped": 0, "source": 0}
        renamed = []
        now = _now()
        with self._transaction():
            for article in articles:
                outcome, rename = self._insert_article(article, now)
                outcomes[outcome] += 1
                if rename is not None:
                    renamed.append(rename)
        return AddResult(outcomes["added"], outcomes["skipped"], outcomes["source"], tuple(renamed))

    def add_sources(self, articles: Sequence[Article]) -> AddResult:
        """Record copies of stored texts, unprocessed, in one transaction: a copy from an outlet
        the stored article does not list yet adds that outlet as a source; the others (same
        outlet, no outlet named, or a text not stored) are skipped."""
        added = 0
        now = _now()
        with self._transaction():
            for article in articles:
                added += self._add_source(article, content_hash(article.text), now)
        return AddResult(added=0, skipped=len(articles) - added, sources=added)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def add(self, article: Article) -> bool:
        """Store one article; ``False`` if its text was already stored."""
        return self.add_batch([article]).added == 1

    def has_hash(self, content_hash: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row is not None

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The subset of ``hashes`` already stored (to skip texts before processing them)."""
        wanted = list(dict.fromkeys(hashes))
        found: set[str] = set()
        for i in range(0, len(wanted), _HASH_CHUNK):
            chunk = wanted[i : i + _HASH_CHUNK]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})"
            found.update(row[0] for row in self.conn.execute(sql, chunk))
        return found

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, rebuilt from its record, in ingest order."""
        rows = self.conn.execute("SELECT record, author, origin FROM articles ORDER BY pk")
        for record, author, origin in rows:
            article = Article.from_dict(json.loads(record))
            article.author, article.origin = author, origin
            yield article

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {
            table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in TABLES
        }

    def _insert_article(self, article: Article, now: str) -> tuple[str, Renamed | None]:
        """``("added", renamed or None)``, or ``("source" | "skipped", None)`` for a text
        already stored."""
        digest = content_hash(article.text)
        if self.has_hash(digest):
            return ("source" if self._add_source(article, digest, now) else "skipped"), None
        renamed = self._free_id(article, digest)
        row = _article_row(article, digest, now)
        marks = ", ".join("?" * len(_ARTICLE_COLUMNS))
        cursor = self.conn.execute(
            f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) VALUES ({marks})",
            [row[c] for c in _ARTICLE_COLUMNS],
        )
        pk = cursor.lastrowid
        for table, items in _items_of(article).items():
            self._insert_items(table, pk, row["id"], items)
        return "added", renamed

    def _id_taken(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def _free_id(self, article: Article, digest: str) -> Renamed | None:
        """Give ``article`` a free id when its own is stored for another text."""
        given = article.id if article.id is not None else digest
        if not self._id_taken(given):
            return None
        size = ID_SUFFIX_HEX
        while self._id_taken(f"{given}~{digest[:size]}") and size < len(digest):
            size += 1
        renamed = Renamed(article.origin, given, f"{given}~{digest[:size]}")
        article.id = renamed.stored
        article.warnings.append(renamed.message)
        return renamed

    def _add_source(self, article: Article, digest: str, now: str) -> bool:
        """Add the outlet of ``article`` (a copy of a stored text) to the stored article's
        sources; ``False`` when it names no outlet or one already listed."""
        if not (article.source or article.url):
            return False
        stored = self.conn.execute(
            "SELECT pk, source, url FROM articles WHERE content_hash = ?", (digest,)
        ).fetchone()
        if stored is None:
            return False
        pk = stored[0]
        others = self.conn.execute(
            "SELECT source, url FROM article_sources WHERE article_pk = ?", (pk,)
        ).fetchall()
        known = {outlet_name(s, u).casefold() for s, u in [stored[1:], *others]}
        if outlet_name(article.source, article.url).casefold() in known:
            return False
        self.conn.execute(
            "INSERT INTO article_sources (article_pk, idx, source, url, published, title, origin,"
            " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pk,
                len(others) + 1,
                article.source,
                article.url,
                article.published,
                article.title,
                article.origin,
                now,
            ),
        )
        return True

    def _insert_items(self, table: str, pk: Any, article_id: str, items: list[Any]) -> None:
        columns = ("article_pk", "article_id", "idx") + ITEM_COLUMNS[table]
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
        rows = [
            (pk, article_id, idx, *_item_values(item, ITEM_COLUMNS[table]))
            for idx, item in enumerate(items)
        ]
        self.conn.executemany(sql, rows)


def _items_of(article: Article) -> dict[str, list[Any]]:
    return {
        "places": article.places,
        "actors": article.actors,
        "events": article.events,
        "quotes": article.quotes,
        "claims": article.claims,
    }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _article_row(article: Article, digest: str, ingested_at: str) -> dict[str, Any]:
    return {
        "id": article.id if article.id is not None else digest,
        "content_hash": digest,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "author": article.author,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "warnings": json.dumps(article.warnings, ensure_ascii=False),
        "origin": article.origin,
        "record": json.dumps(article.to_dict(), ensure_ascii=False),
        "ingested_at": ingested_at,
    }


def _item_values(item: Any, columns: tuple[str, ...]) -> list[Any]:
    values = []
    for column in columns:
        value = getattr(item, column)
        if column == "evidence":
            value = json.dumps({k: list(v) if v else None for k, v in asdict(value).items()})
        values.append(value)
    return values


# -- opening only what is ours ------------------------------------------------------------------


def _check(path: Path, *, read_only: bool, check_pages: bool = True) -> sqlite3.Connection | None:
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


def _missing_migrations(conn: sqlite3.Connection) -> list[str]:
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
