"""The SQLite store: articles and their items, idempotent by content hash.

Only files that are ours are opened (``opening``: checked by their header, application id and
``quick_check`` before anything is written); a store made before the application id was set
gets it on its next write. Read-only opens use a ``mode=ro`` connection: they never create a
file or a table.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from conflictwire.ingest import content_hash
from conflictwire.models import ActorMention, Article, Claim, Event, Place, Quote
from conflictwire.outlets import outlet_name
from conflictwire.store.errors import explained
from conflictwire.store.migrations import MIGRATIONS, migrate
from conflictwire.store.opening import APPLICATION_ID, check, missing_migrations

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
            conn = check(Path(self.path), read_only=True, check_pages=check_pages)
            assert conn is not None
            self.conn = conn
            missing = missing_migrations(self.conn)
            if missing:
                self.copy_to_memory()
                self.notes.append(
                    f"{self.path} was made by an older version of conflictwire; it was upgraded "
                    "in memory for this command (the next `conflictwire ingest` upgrades the file)"
                )
        else:
            checked = check(Path(self.path), read_only=False)
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
