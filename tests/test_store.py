"""The SQLite store: migrations, idempotent batches, interrupted ingests."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conflictwire.ingest import content_hash
from conflictwire.models import ActorMention, Article, Claim, Event, Evidence, Place, Quote
from conflictwire.store import (
    MIGRATIONS,
    Cause,
    Store,
    StoreError,
    applied_migrations,
    migrate,
)

MARIB = (
    "Saudi-led coalition aircraft struck a house in Marib city on Tuesday, killing four "
    'civilians, local officials said. "The strike hit a family home," said Ali al-Sharif, '
    "a health official in Marib. Marib lies about 120 km east of Sanaa."
)


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return (start, start + len(part))


def marib_article(
    text: str = MARIB, article_id: str | None = "marib-1", warnings: tuple[str, ...] = ()
) -> Article:
    """An airstrike in Marib, Yemen, with one item of every kind."""
    s, e = span(text, "Marib")
    sentence = (0, text.index(".") + 1)
    strike = Event(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        disorder_type="Political violence",
        actor1="Military Forces of Saudi Arabia (2015-)",
        inter1="External/Other forces",
        actor2="Civilians (Yemen)",
        inter2="Civilians",
        interaction="External/Other forces-Civilians",
        civilian_targeting=True,
        event_date="2024-03-12",
        time_precision=1,
        location="Marib",
        geonameid=71137,
        admin1="Marib",
        country="Yemen",
        iso="YE",
        latitude=15.46253,
        longitude=45.32581,
        geo_precision=1,
        fatalities=4,
        confidence=0.8,
        evidence=Evidence(
            sentence=sentence,
            trigger=span(text, "struck"),
            location=(s, e),
            fatalities=span(text, "four"),
        ),
    )
    quote = '"The strike hit a family home,"'
    q0, q1 = span(text, quote)
    return Article(
        text=text,
        id=article_id,
        title="Air strike kills four in Marib",
        url="https://example.org/yemen/marib-strike",
        source="Example News",
        published="2024-03-13",
        language="en",
        author="Staff reporter",
        origin="feeds/yemen.jsonl:1",
        places=[
            Place(
                s,
                e,
                "Marib",
                71137,
                "Ma'rib",
                "populated_place",
                "YE",
                "Yemen",
                "Marib",
                None,
                15.46253,
                45.32581,
                0.9,
            ),
            Place(
                *span(text, "Sanaa"),
                "Sanaa",
                71137 + 1,
                "Sanaa",
                "populated_place",
                "YE",
                "Yemen",
                "Amanat Al Asimah",
                None,
                15.35472,
                44.20667,
                0.95,
            ),
        ],
        actors=[
            ActorMention(
                *span(text, "Saudi-led coalition"),
                "Saudi-led coalition",
                "Military Forces of Saudi Arabia (2015-)",
                "External/Other forces",
                "SA",
            )
        ],
        events=[strike],
        quotes=[
            Quote(
                quote,
                q0,
                q1,
                True,
                "Ali al-Sharif",
                *span(text, "Ali al-Sharif"),
                None,
                "health official",
                "said",
                0,
                "person",
                "claims",
            )
        ],
        claims=[
            Claim(
                "distance",
                "about 120 km east of Sanaa",
                *span(text, "about 120 km east of Sanaa"),
                subject="Marib",
                object="Sanaa",
                stated_km=120.0,
                stated_bearing="E",
                measured_km=124.6,
                measured_bearing=84.0,
                verdict="consistent",
            )
        ],
        warnings=list(warnings),
    )


def batch(n: int, start: int = 0) -> list[Article]:
    return [
        marib_article(f"{MARIB} Report {i}.", article_id=f"marib-{i}")
        for i in range(start, start + n)
    ]


@pytest.fixture
def store() -> Store:
    return Store.memory()


def test_add_batch_stores_one_row_per_item(store: Store) -> None:
    result = store.add_batch([marib_article()])
    assert (result.added, result.skipped) == (1, 0)
    assert store.counts() == {
        "articles": 1,
        "places": 2,
        "actors": 1,
        "events": 1,
        "quotes": 1,
        "claims": 1,
    }


def test_articles_round_trip_in_ingest_order(store: Store) -> None:
    articles = batch(3)
    store.add_batch(articles[:2])
    store.add_batch(articles[2:])
    back = list(store.iter_articles())
    assert [a.id for a in back] == ["marib-0", "marib-1", "marib-2"]
    assert [a.to_dict() for a in back] == [a.to_dict() for a in articles]
    assert (back[0].author, back[0].origin) == ("Staff reporter", "feeds/yemen.jsonl:1")


def test_typed_columns_hold_item_values(store: Store) -> None:
    store.add_batch([marib_article()])
    row = store.conn.execute(
        "SELECT article_id, idx, event_type, civilian_targeting, fatalities, latitude, evidence "
        "FROM events"
    ).fetchone()
    assert row[:6] == ("marib-1", 0, "Explosions/Remote violence", 1, 4, 15.46253)
    assert '"trigger": [' in row[6]
    assert store.conn.execute('SELECT "start", "end" FROM places WHERE idx = 1').fetchone() == (
        MARIB.index("Sanaa"),
        MARIB.index("Sanaa") + 5,
    )


def test_a_quotes_speaker_type_and_stance_are_columns(store: Store) -> None:
    store.add_batch([marib_article()])
    row = store.conn.execute("SELECT speaker, speaker_type, stance FROM quotes").fetchone()
    assert row == ("Ali al-Sharif", "person", "claims")


def test_quotes_stored_before_the_speaker_type_column_keep_null(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:7])
    conn.execute(
        "INSERT INTO articles (id, content_hash, text, warnings, record, ingested_at) "
        "VALUES ('a', 'h', 't', '[]', '{}', 'now')"
    )
    conn.execute(
        "INSERT INTO quotes (article_pk, article_id, idx, quote, start, end, direct) "
        "VALUES (1, 'a', 0, 't', 0, 1, 1)"
    )
    conn.close()
    with Store(path) as store:
        row = store.conn.execute("SELECT quote, speaker_type, stance FROM quotes").fetchone()
        assert row == ("t", None, None)
        assert applied_migrations(store.conn)[-1] == "m008_quote_speaker_type_and_stance"


def test_ingesting_the_same_articles_twice_changes_no_counts(store: Store) -> None:
    store.add_batch(batch(3))
    before = store.counts()
    result = store.add_batch(batch(3))
    assert (result.added, result.skipped) == (0, 3)
    assert store.counts() == before


def test_duplicate_text_within_a_batch_is_stored_once(store: Store) -> None:
    result = store.add_batch([marib_article(article_id="a"), marib_article(article_id="b")])
    assert (result.added, result.skipped) == (1, 1)


def test_known_hashes_returns_only_stored_texts(store: Store) -> None:
    store.add_batch([marib_article()])
    stored = content_hash(MARIB)
    other = content_hash("another text")
    assert store.has_hash(stored) and not store.has_hash(other)
    many = [content_hash(str(i)) for i in range(1200)]
    assert store.known_hashes([*many, stored, other, stored]) == {stored}


def test_article_without_id_is_keyed_by_its_hash(store: Store) -> None:
    store.add_batch([marib_article(article_id=None)])
    row = store.conn.execute("SELECT id, content_hash FROM articles").fetchone()
    assert row[0] == row[1] == content_hash(MARIB)


def test_warnings_are_stored_as_json(store: Store) -> None:
    store.add_batch([marib_article(warnings=("no publication time; date only",))])
    row = store.conn.execute("SELECT warnings FROM articles").fetchone()
    assert row[0] == '["no publication time; date only"]'
    assert next(store.iter_articles()).warnings == ["no publication time; date only"]


def test_crash_mid_batch_keeps_earlier_batches_and_rerun_adds_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "conflictwire.db"
    articles = batch(6)
    with Store(path) as store:
        store.add_batch(articles[:3])
        original = Store._insert_items

        def fail_on_quotes_of_marib_4(self, table, pk, article_id, items):  # type: ignore[no-untyped-def]
            if table == "quotes" and article_id == "marib-4":
                raise OSError("disk unplugged")
            original(self, table, pk, article_id, items)

        monkeypatch.setattr(Store, "_insert_items", fail_on_quotes_of_marib_4)
        with pytest.raises(OSError, match="disk unplugged"):
            store.add_batch(articles[3:])
        assert store.counts()["articles"] == 3
        assert store.counts()["events"] == 3
    monkeypatch.undo()
    with Store(path) as store:
        result = store.add_batch(articles)
        assert (result.added, result.skipped) == (3, 3)
        assert store.counts() == {
            "articles": 6,
            "places": 12,
            "actors": 6,
            "events": 6,
            "quotes": 6,
            "claims": 6,
        }
        assert [a.id for a in store.iter_articles()] == [f"marib-{i}" for i in range(6)]


def test_killed_process_mid_batch_leaves_the_half_batch_absent(tmp_path: Path) -> None:
    path = tmp_path / "conflictwire.db"
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path[:0] = [{str(Path(__file__).parent)!r}]
        from test_store import batch
        from conflictwire.store import Store
        store = Store({str(path)!r})
        store.add_batch(batch(2))
        original = Store._insert_items
        def die(self, table, pk, article_id, items):
            if article_id == "marib-3" and table == "claims":
                os._exit(9)  # no cleanup, no rollback: like kill -9
            original(self, table, pk, article_id, items)
        Store._insert_items = die
        store.add_batch(batch(3, start=2))
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], env=_env(), capture_output=True)
    assert proc.returncode == 9, proc.stderr.decode()
    with Store(path) as store:
        assert store.counts()["articles"] == 2
        assert store.add_batch(batch(5)).added == 3
        assert store.counts()["events"] == 5


def _env() -> dict[str, str]:
    import os

    src = str(Path(__file__).parents[1] / "src")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}


def test_opening_an_older_database_applies_the_missing_migrations(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, MIGRATIONS[:1]) == ["m001_create_articles"]
    conn.close()
    with Store(path) as store:
        assert applied_migrations(store.conn) == [m.__name__ for m in MIGRATIONS]
        assert store.add_batch([marib_article()]).added == 1
        assert store.counts()["events"] == 1
    with Store(path) as store:  # nothing left to apply
        assert migrate(store.conn) == []


def test_store_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Store(tmp_path / "conflictwire.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_unopenable_path_says_which_path(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no folder .*missing") as caught:
        Store(tmp_path / "missing" / "conflictwire.db")
    assert caught.value.cause is Cause.CANNOT_OPEN
    assert not (tmp_path / "missing").exists()


def test_a_failing_migration_leaves_no_trace(tmp_path: Path) -> None:
    def m004_broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE events ADD COLUMN notes TEXT")
        raise RuntimeError("half-way")

    conn = sqlite3.connect(tmp_path / "conflictwire.db", isolation_level=None)
    migrate(conn)
    with pytest.raises(RuntimeError):
        migrate(conn, [*MIGRATIONS, m004_broken])
    assert "m004_broken" not in applied_migrations(conn)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(events)")]
    assert "notes" not in columns
