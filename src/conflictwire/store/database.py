"""The SQLite store: articles and their items, idempotent by content hash."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from conflictwire.ingest import content_hash
from conflictwire.models import ActorMention, Article, Claim, Event, Place, Quote
from conflictwire.store.migrations import MIGRATIONS, migrate

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


@dataclass(frozen=True)
class AddResult:
    """What one :meth:`Store.add_batch` did: articles stored, and duplicates skipped."""

    added: int
    skipped: int


class Store:
    """Articles and their places, actors, events, quotes and claims in one SQLite file.

    Opening a file creates it or applies the migrations it lacks. Each :meth:`add_batch` is one
    transaction: an interrupted batch leaves nothing behind, and storing a text whose hash is
    already stored changes nothing, so re-running an interrupted ingest is safe.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.OperationalError as exc:
            raise sqlite3.OperationalError(
                f"cannot open the store at {self.path!r} ({exc}); check that its folder "
                "exists and is writable"
            ) from exc
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        migrate(self.conn, MIGRATIONS)

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
        """Store ``articles`` in one transaction; texts already stored are skipped."""
        added = skipped = 0
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for article in articles:
                if self._insert_article(article, now):
                    added += 1
                else:
                    skipped += 1
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        return AddResult(added=added, skipped=skipped)

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

    def _insert_article(self, article: Article, ingested_at: str) -> bool:
        row = _article_row(article, ingested_at)
        marks = ", ".join("?" * len(_ARTICLE_COLUMNS))
        cursor = self.conn.execute(
            f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) VALUES ({marks}) "
            "ON CONFLICT(content_hash) DO NOTHING",
            [row[c] for c in _ARTICLE_COLUMNS],
        )
        if cursor.rowcount == 0:
            return False
        pk = cursor.lastrowid
        for table, items in _items_of(article).items():
            self._insert_items(table, pk, row["id"], items)
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


def _article_row(article: Article, ingested_at: str) -> dict[str, Any]:
    digest = content_hash(article.text)
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
