"""Schema migrations for the SQLite store: functions, each applied once and recorded.

Never edit a migration that has shipped: add a new function at the end of :data:`MIGRATIONS`.
Each one runs in the same transaction as the row that records it in ``migrations``, so a
database is never left half-migrated.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from conflictwire.store import event_index

Migration = Callable[[sqlite3.Connection], None]


def m001_create_articles(conn: sqlite3.Connection) -> None:
    """One row per article; ``record`` holds the full schema record as JSON."""
    conn.execute(
        """
        CREATE TABLE articles (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT,
            url TEXT,
            source TEXT,
            author TEXT,
            published TEXT,
            language TEXT,
            text TEXT NOT NULL,
            warnings TEXT NOT NULL,
            origin TEXT,
            record TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        )
        """
    )


# Every item table starts with the article it belongs to and its index in that article's list.
_ITEM_KEY = """
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
"""
_ITEM_END = "PRIMARY KEY (article_pk, idx)"

_ITEM_TABLES = {
    "places": """
        "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, mention TEXT NOT NULL,
        geonameid INTEGER, name TEXT, feature TEXT, country_code TEXT, country TEXT,
        admin1 TEXT, admin2 TEXT, latitude REAL, longitude REAL, score REAL,
    """,
    "actors": """
        "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, mention TEXT NOT NULL,
        actor TEXT NOT NULL, actor_type TEXT, country_code TEXT,
    """,
    "events": """
        event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL, disorder_type TEXT,
        actor1 TEXT, assoc_actor_1 TEXT, actor2 TEXT, assoc_actor_2 TEXT,
        inter1 TEXT, inter2 TEXT, interaction TEXT, civilian_targeting INTEGER NOT NULL,
        event_date TEXT, time_precision INTEGER, location TEXT, geonameid INTEGER,
        admin1 TEXT, admin2 TEXT, country TEXT, iso TEXT, latitude REAL, longitude REAL,
        geo_precision INTEGER, fatalities INTEGER NOT NULL, cameo TEXT, plover TEXT,
        confidence REAL, evidence TEXT NOT NULL,
    """,
    "quotes": """
        quote TEXT NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL,
        direct INTEGER NOT NULL, speaker TEXT, speaker_start INTEGER, speaker_end INTEGER,
        speaker_title TEXT, speaker_affiliation TEXT, cue TEXT, event_index INTEGER,
    """,
    "claims": """
        kind TEXT NOT NULL, text TEXT NOT NULL, "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL, subject TEXT, object TEXT, stated_km REAL,
        stated_bearing TEXT, measured_km REAL, measured_bearing REAL, value REAL, unit TEXT,
        as_of TEXT, verdict TEXT,
    """,
}


def m002_create_item_tables(conn: sqlite3.Connection) -> None:
    """places, actors, events, quotes, claims: one row per item, typed columns."""
    for table, columns in _ITEM_TABLES.items():
        conn.execute(f"CREATE TABLE {table} ({_ITEM_KEY}{columns}{_ITEM_END})")


def m003_create_indexes(conn: sqlite3.Connection) -> None:
    """Indexes for the usual lookups: articles by id, places and events by where/when."""
    conn.execute("CREATE INDEX idx_articles_id ON articles(id)")
    conn.execute("CREATE INDEX idx_places_geonameid ON places(geonameid)")
    conn.execute("CREATE INDEX idx_events_date ON events(event_date)")
    conn.execute("CREATE INDEX idx_events_geonameid ON events(geonameid)")


def m004_create_canonical_events(conn: sqlite3.Connection) -> None:
    """Dedup across articles: each event report's group (with the reason it joined) and the
    canonical events. Reports are registered on first use, so older stores are backfilled."""
    conn.execute(
        """
        CREATE TABLE event_reports (
            article_pk INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            key TEXT NOT NULL UNIQUE,
            event_type TEXT NOT NULL,
            day INTEGER,
            lat_cell INTEGER,
            lon_cell INTEGER,
            notes TEXT,
            component TEXT NOT NULL,
            group_id TEXT,
            reason TEXT,
            PRIMARY KEY (article_pk, idx),
            FOREIGN KEY (article_pk, idx) REFERENCES events(article_pk, idx) ON DELETE CASCADE
        )
        """
    )
    conn.execute(
        "CREATE INDEX idx_reports_where_when ON event_reports(event_type, lat_cell, lon_cell, day)"
    )
    conn.execute("CREATE INDEX idx_reports_component ON event_reports(component)")
    conn.execute("CREATE INDEX idx_reports_group ON event_reports(group_id)")
    conn.execute(
        """
        CREATE TABLE canonical_events (
            group_id TEXT PRIMARY KEY,
            component TEXT NOT NULL,
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            actor1 TEXT,
            actor2 TEXT,
            event_date TEXT,
            time_precision INTEGER,
            geonameid INTEGER,
            location TEXT,
            n_reports INTEGER NOT NULL,
            record TEXT NOT NULL
        )
        """
    )
    conn.execute("CREATE INDEX idx_canonical_component ON canonical_events(component)")
    conn.execute("CREATE INDEX idx_canonical_date ON canonical_events(event_date)")
    conn.execute("CREATE INDEX idx_canonical_geonameid ON canonical_events(geonameid)")


def m005_create_article_sources(conn: sqlite3.Connection) -> None:
    """Other outlets that published an article's exact text (a syndicated copy is stored once;
    its outlet is added here). ``pending`` is 1 until the article's canonical events list it."""
    conn.execute(
        """
        CREATE TABLE article_sources (
            article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            source TEXT,
            url TEXT,
            published TEXT,
            title TEXT,
            origin TEXT,
            added_at TEXT NOT NULL,
            pending INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (article_pk, idx)
        )
        """
    )
    conn.execute("CREATE INDEX idx_sources_pending ON article_sources(pending) WHERE pending = 1")


def m006_search_text(conn: sqlite3.Connection) -> None:
    """Full-text search over the articles' titles and texts (SQLite FTS5, external content:
    the index holds no copy of the texts), kept in step with ``articles`` by triggers; quotes
    by speaker."""
    conn.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',"
        " content_rowid='pk', tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute(
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
        " INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);"
        " END"
    )
    conn.execute(
        "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
        " INSERT INTO articles_fts (articles_fts, rowid, title, text)"
        " VALUES ('delete', old.pk, old.title, old.text); END"
    )
    conn.execute(
        "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN"
        " INSERT INTO articles_fts (articles_fts, rowid, title, text)"
        " VALUES ('delete', old.pk, old.title, old.text);"
        " INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);"
        " END"
    )
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    conn.execute("CREATE INDEX idx_quotes_speaker ON quotes(speaker COLLATE NOCASE)")


def m007_index_canonical_events(conn: sqlite3.Connection) -> None:
    """Canonical events by place and time (``store.event_index``: an R*Tree and counts per grid
    cell), their country as columns, and indexes for the filters a map uses."""
    conn.execute("ALTER TABLE canonical_events ADD COLUMN country TEXT")
    conn.execute("ALTER TABLE canonical_events ADD COLUMN iso TEXT")
    event_index.create(conn)
    last = 0
    while rows := conn.execute(
        "SELECT rowid, record FROM canonical_events WHERE rowid > ? ORDER BY rowid LIMIT 10000",
        (last,),
    ).fetchall():
        records = {rowid: json.loads(record) for rowid, record in rows}
        conn.executemany(
            "UPDATE canonical_events SET country = ?, iso = ? WHERE rowid = ?",
            [(r.get("country"), r.get("iso"), rowid) for rowid, r in records.items()],
        )
        event_index.index_events(conn, records.values())
        last = rows[-1][0]
    # Pages in a stable order by (date, id); the date index alone is superseded.
    conn.execute("DROP INDEX IF EXISTS idx_canonical_date")
    conn.execute("CREATE INDEX idx_canonical_date_id ON canonical_events(event_date, group_id)")
    conn.execute("CREATE INDEX idx_canonical_sub_type ON canonical_events(sub_event_type)")
    conn.execute("CREATE INDEX idx_canonical_country ON canonical_events(country COLLATE NOCASE)")
    conn.execute("CREATE INDEX idx_canonical_location ON canonical_events(location COLLATE NOCASE)")


def m008_quote_speaker_type_and_stance(conn: sqlite3.Connection) -> None:
    """Quotes: the speaker's type (person, organisation, unnamed source) and the stance toward
    the linked event (claims, denies, disputes); null in rows stored before. Columns already
    there are left as they are (a test writes an older store with this version's items)."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(quotes)")}
    for column in ("speaker_type", "stance"):
        if column not in have:
            conn.execute(f"ALTER TABLE quotes ADD COLUMN {column} TEXT")


MIGRATIONS: tuple[Migration, ...] = (
    m001_create_articles,
    m002_create_item_tables,
    m003_create_indexes,
    m004_create_canonical_events,
    m005_create_article_sources,
    m006_search_text,
    m007_index_canonical_events,
    m008_quote_speaker_type_and_stance,
)


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in ``conn``, in the order they were applied."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    return [row[0] for row in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """Apply the migrations not yet recorded in ``conn``; returns the names applied now.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each migration runs in its
    own ``BEGIN IMMEDIATE`` transaction together with the row that records it.
    """
    done = set(applied_migrations(conn))
    return [m.__name__ for m in migrations if m.__name__ not in done and _apply(conn, m)]


def _apply(conn: sqlite3.Connection, migration: Migration) -> bool:
    """Run one migration unless another connection recorded it meanwhile; True if it ran."""
    name = migration.__name__
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
            conn.execute("COMMIT")
            return False
        migration(conn)
        conn.execute(
            "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
            (name, datetime.now(UTC).isoformat(timespec="seconds")),
        )
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return True
