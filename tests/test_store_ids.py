"""Ids and sources in the store (issue 13, item 6): a second text under a stored id gets its own
id and a warning; an identical text from another outlet adds that outlet as a source of the
stored article and of its canonical events; the same text from the same outlet is already
stored. Stores of the previous version get the new table by migration."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictwire.cli import main
from conflictwire.dedup import group_store
from conflictwire.dedup.tables import iter_canonical
from conflictwire.ingest import content_hash
from conflictwire.models import Article
from conflictwire.store import MIGRATIONS, Store, applied_migrations, migrate
from conflictwire.store.migrations import m008_quote_speaker_type_and_stance
from dedup_fakes import el_fasher_shelling


def copy_of(article: Article, source: str | None, url: str | None) -> Article:
    """The same text as ``article``, published by another outlet under its own id."""
    return replace(article, id=f"{source}-copy", source=source, url=url, events=[], warnings=[])


def shelling_event(store: Store) -> dict:
    (event,) = [e for e in iter_canonical(store.conn) if e["sub_event_type"].startswith("Shelling")]
    return event


# -- ids --------------------------------------------------------------------------------------


def test_a_second_text_under_a_stored_id_gets_its_own_id_and_a_warning() -> None:
    store = Store.memory()
    first, second, third = el_fasher_shelling()
    second.id = third.id = first.id
    store.add_batch([first])
    result = store.add_batch([second, third])
    assert (result.added, result.skipped) == (2, 0)
    expected = [
        f"fasher-reuters~{content_hash(second.text)[:8]}",
        f"fasher-reuters~{content_hash(third.text)[:8]}",
    ]
    assert [(r.given, r.stored) for r in result.renamed] == [
        ("fasher-reuters", e) for e in expected
    ]
    assert "id 'fasher-reuters' is already stored for another text" in result.renamed[0].message
    stored = list(store.iter_articles())
    assert [a.id for a in stored] == ["fasher-reuters", *expected]
    assert stored[0].warnings == []
    assert stored[1].warnings == [result.renamed[0].message]
    rows = store.conn.execute("SELECT DISTINCT article_id FROM events ORDER BY article_pk")
    assert [r[0] for r in rows] == ["fasher-reuters", *expected]


def test_two_texts_under_one_id_in_one_batch_are_both_stored() -> None:
    store = Store.memory()
    first, second, _ = el_fasher_shelling()
    second.id = first.id
    result = store.add_batch([first, second])
    assert result.added == 2 and len(result.renamed) == 1
    assert len({a.id for a in store.iter_articles()}) == 2


def test_a_taken_suffix_takes_one_more_digit() -> None:
    store = Store.memory()
    first, second, third = el_fasher_shelling()
    taken = f"fasher-reuters~{content_hash(second.text)[:8]}"
    third.id = taken  # another input happened to use the id the rule would give
    second.id = first.id
    store.add_batch([first, third])
    (renamed,) = store.add_batch([second]).renamed
    assert renamed.stored == f"fasher-reuters~{content_hash(second.text)[:9]}"


def test_the_same_text_under_the_same_id_is_already_stored() -> None:
    store = Store.memory()
    store.add_batch(el_fasher_shelling())
    result = store.add_batch(el_fasher_shelling())
    assert (result.added, result.skipped, result.sources, result.renamed) == (0, 3, 0, ())


# -- syndicated copies ------------------------------------------------------------------------


def test_a_copy_from_another_outlet_becomes_a_source_of_the_stored_article() -> None:
    store = Store.memory()
    reuters = el_fasher_shelling()[0]
    store.add_batch([reuters])
    result = store.add_sources(
        [
            copy_of(reuters, "AFP", "https://afp.example/sudan/el-fasher-market"),
            copy_of(reuters, "AFP", "https://afp.example/amp/el-fasher-market"),  # same outlet
            copy_of(reuters, "Reuters", "https://example.org/mirror"),  # the stored one's own
            copy_of(reuters, None, None),  # names no outlet
        ]
    )
    assert (result.added, result.skipped, result.sources) == (0, 3, 1)
    assert store.counts()["articles"] == 1
    rows = store.conn.execute("SELECT source, url, origin FROM article_sources").fetchall()
    assert rows == [("AFP", "https://afp.example/sudan/el-fasher-market", None)]
    by_host = copy_of(reuters, None, "https://www.sudanpost.example/news/1")
    assert store.add_batch([by_host]).sources == 1  # add_batch does the same for known texts
    assert store.conn.execute("SELECT count(*) FROM article_sources").fetchone()[0] == 2


def test_canonical_events_list_the_outlets_of_identical_copies() -> None:
    store = Store.memory()
    store.add_batch(el_fasher_shelling())
    group_store(store.conn)
    assert shelling_event(store)["source"] == "Dabanga; Reuters; Sudan Tribune"
    reuters = el_fasher_shelling()[0]
    store.add_sources([copy_of(reuters, "AFP", "https://afp.example/el-fasher")])
    grouped = group_store(store.conn)
    assert grouped.components == 1
    event = shelling_event(store)
    assert event["source"] == "AFP; Dabanga; Reuters; Sudan Tribune"
    assert event["source_scale"] == "National-International"
    entry = next(r for r in event["reports"] if r["article_id"] == "fasher-reuters")
    assert entry["also_in"] == [
        {"source": "AFP", "url": "https://afp.example/el-fasher", "published": "2024-06-09"}
    ]
    assert len(event["reports"]) == 3  # one text, one report: the copy is not counted twice
    assert group_store(store.conn).components == 0  # nothing left to do


def test_the_copy_gives_the_same_events_whether_it_came_before_grouping_or_after() -> None:
    reuters = el_fasher_shelling()[0]
    copy = copy_of(reuters, "AFP", "https://afp.example/el-fasher")
    early, late = Store.memory(), Store.memory()
    early.add_batch(el_fasher_shelling())
    early.add_sources([copy])
    group_store(early.conn)
    late.add_batch(el_fasher_shelling())
    group_store(late.conn)
    late.add_sources([copy])
    group_store(late.conn)
    assert list(iter_canonical(early.conn)) == list(iter_canonical(late.conn))


# -- upgrading a store of the previous version ------------------------------------------------


def test_a_store_of_the_previous_version_is_upgraded_and_takes_sources(tmp_path: Path) -> None:
    path = tmp_path / "previous.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        assert migrate(conn, MIGRATIONS[:4])[-1] == "m004_create_canonical_events"
        m008_quote_speaker_type_and_stance(conn)  # the item columns written now
        previous = Store.__new__(Store)
        previous.conn = conn
        previous.add_batch(el_fasher_shelling())
        before = [a.to_dict() for a in previous.iter_articles()]
    with Store(path) as store:
        assert applied_migrations(store.conn) == [m.__name__ for m in MIGRATIONS]
        assert [a.to_dict() for a in store.iter_articles()] == before  # nothing stored changed
        reuters = el_fasher_shelling()[0]
        assert store.add_sources([copy_of(reuters, "AFP", None)]).sources == 1
        group_store(store.conn)
        assert shelling_event(store)["source"] == "AFP; Dabanga; Reuters; Sudan Tribune"


# -- the command line -------------------------------------------------------------------------

MARIB = (
    "Saudi-led coalition aircraft struck a house in Marib city on Tuesday, killing four "
    "civilians, local officials said. Rescue workers were still searching the rubble."
)
TAIZ = (
    "Clashes erupted on the eastern front line of Taiz on Friday between government forces and "
    "Houthi fighters, local officials said, with two soldiers killed."
)


def write_jsonl(path: Path, *records: dict) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


@pytest.mark.e2e
def test_ingest_warns_about_a_repeated_id_and_keeps_both_texts(tmp_path: Path) -> None:
    db = str(tmp_path / "cw.db")
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        {"id": "yemen-1", "text": MARIB, "source": "Coastline Wire", "published": "2024-03-13"},
        {"id": "yemen-1", "text": TAIZ, "source": "Coastline Wire", "published": "2024-02-16"},
    )
    result = CliRunner().invoke(main, ["ingest", feed, "--db", db])
    assert result.exit_code == 0, result.stderr
    renamed = f"yemen-1~{content_hash(TAIZ)[:8]}"
    assert (
        f"warning: {feed}:line 2: id 'yemen-1' is already stored for another text; "
        f"this text is stored as '{renamed}'"
    ) in result.stderr
    assert "2 stored" in result.stderr
    exported = CliRunner().invoke(main, ["export", "--db", db, "-f", "jsonl"])
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [r["id"] for r in records] == ["yemen-1", renamed]
    assert [r["text"] for r in records] == [MARIB, TAIZ]


@pytest.mark.e2e
def test_ingest_adds_a_syndicating_outlet_to_the_events_sources(tmp_path: Path) -> None:
    db = str(tmp_path / "cw.db")
    wire = {"id": "marib-1", "text": MARIB, "source": "Coastline Wire", "published": "2024-03-13"}
    first = write_jsonl(tmp_path / "wire.jsonl", wire)
    copy = write_jsonl(
        tmp_path / "copy.jsonl",
        {**wire, "id": "gulf-77", "source": "Gulf Daily", "url": "https://gulf.example/77"},
    )
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", first, "--db", db]).exit_code == 0
    result = runner.invoke(main, ["ingest", copy, "--db", db])
    assert result.exit_code == 0, result.stderr
    assert "0 stored, 0 already stored, 1 copies from another outlet" in result.stderr
    again = runner.invoke(main, ["ingest", copy, first, "--db", db])
    assert "0 stored, 2 already stored, 0 copies from another outlet" in again.stderr
    events = runner.invoke(main, ["events", "--db", db, "-f", "jsonl"])
    assert events.exit_code == 0, events.stderr
    records = [json.loads(line) for line in events.stdout.splitlines()]
    assert records and all(r["source"] == "Coastline Wire; Gulf Daily" for r in records)
    exported = runner.invoke(main, ["export", "--db", db, "-f", "jsonl"])
    assert len(exported.stdout.splitlines()) == 1  # the text is stored once


@pytest.mark.e2e
def test_identical_copies_in_one_batch_are_stored_once_with_both_outlets(tmp_path: Path) -> None:
    db = str(tmp_path / "cw.db")
    wire = {"text": MARIB, "source": "Coastline Wire", "published": "2024-03-13"}
    feed = write_jsonl(tmp_path / "feed.jsonl", wire, {**wire, "source": "Gulf Daily"}, wire)
    result = CliRunner().invoke(main, ["ingest", feed, "--db", db])
    assert "1 stored, 1 already stored, 1 copies from another outlet" in result.stderr
    events = CliRunner().invoke(main, ["events", "--db", db, "-f", "jsonl"])
    records = [json.loads(line) for line in events.stdout.splitlines()]
    assert records and all(r["source"] == "Coastline Wire; Gulf Daily" for r in records)
