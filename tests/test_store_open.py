"""Opening only what is ours: another program's database or a file that is not SQLite is refused
untouched, read-only commands never write, a damaged store is refused, and each database error
says its cause (issue 13, items 5 and 10)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictwire.cli import main
from conflictwire.store import (
    APPLICATION_ID,
    MIGRATIONS,
    Cause,
    Store,
    StoreError,
    applied_migrations,
    explain,
    migrate,
)
from conflictwire.store.migrations import m008_quote_speaker_type_and_stance
from dedup_fakes import el_fasher_shelling, sukhnah_history
from store_files import foreign_database, garble_middle, grouped_store

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
READ_COMMANDS = (
    ["export"],
    ["events"],
    ["events", "--reports"],
    ["control", "--date", "2024-01-01"],
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` with the hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def legacy_store(path: Path, upto: int = len(MIGRATIONS) - 1) -> Path:
    """A store as an older conflictwire made it: no application id, some migrations applied."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        migrate(conn, MIGRATIONS[:upto])
    return path


def application_id(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[68:72], "big")


# -- the store: what it opens ----------------------------------------------------------------


def test_a_new_store_carries_our_application_id(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path).close()
    assert application_id(path) == APPLICATION_ID == 0x43574442


def test_a_store_from_before_the_application_id_is_ours_and_gets_it_when_written(
    tmp_path: Path,
) -> None:
    path = legacy_store(tmp_path / "old.db")
    before = fingerprint(tmp_path)
    with Store(path, read_only=True) as store:
        assert store.counts()["articles"] == 0
    assert fingerprint(tmp_path)["old.db"] == before["old.db"]
    assert application_id(path) == 0
    Store(path).close()
    assert application_id(path) == APPLICATION_ID


@pytest.mark.parametrize("read_only", [False, True])
@pytest.mark.parametrize("wal", [False, True])
def test_another_programs_database_is_refused_untouched(
    tmp_path: Path, read_only: bool, wal: bool
) -> None:
    path = foreign_database(tmp_path / "shop.db", wal=wal)
    before = fingerprint(tmp_path)
    with pytest.raises(StoreError, match="another program's tables: customers, orders") as caught:
        Store(path, read_only=read_only)
    assert caught.value.cause is Cause.NOT_OURS
    assert fingerprint(tmp_path) == before  # no table, no journal, no -wal/-shm beside it


def test_a_database_with_another_application_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "map.gpkg"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA application_id = 1196444487")  # GeoPackage's "GPKG"
        conn.execute("CREATE TABLE gpkg_contents (table_name TEXT)")
        conn.commit()
    with pytest.raises(StoreError, match="application id is 0x47504b47"):
        Store(path)


@pytest.mark.parametrize(
    "content",
    [
        b"Khartoum, 3 May: shelling resumed in Omdurman overnight.\n" * 40,
        bytes(range(256)) * 16,
        b"SQLite",  # shorter than a header
    ],
    ids=["text", "binary", "short"],
)
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    for read_only in (False, True):
        with pytest.raises(StoreError, match="not a SQLite database") as caught:
            Store(path, read_only=read_only)
        assert caught.value.cause is Cause.NOT_OURS
    assert fingerprint(tmp_path) == {"notes.db": hashlib.sha256(content).hexdigest()}


def test_read_only_open_of_a_missing_or_empty_file_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at") as caught:
        Store(tmp_path / "missing.db", read_only=True)
    assert caught.value.cause is Cause.MISSING
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(StoreError, match="the file is empty"):
        Store(empty, read_only=True)
    assert fingerprint(tmp_path) == {"empty.db": hashlib.sha256(b"").hexdigest()}
    Store(empty).close()  # an empty file is a store to create, for a write
    assert application_id(empty) == APPLICATION_ID


def test_read_only_open_of_an_older_store_upgrades_it_in_memory_only(tmp_path: Path) -> None:
    path = legacy_store(tmp_path / "old.db", upto=3)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        m008_quote_speaker_type_and_stance(conn)  # the item columns written now
        old = Store.__new__(Store)
        old.conn = conn
        old.add_batch(el_fasher_shelling())
    before = fingerprint(tmp_path)
    with Store(path, read_only=True) as store:
        assert "made by an older version" in store.notes[0]
        assert applied_migrations(store.conn) == [m.__name__ for m in MIGRATIONS]
        assert store.counts()["events"] == 3
    assert fingerprint(tmp_path)["old.db"] == before["old.db"]
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        assert len(applied_migrations(conn)) == 3


def test_read_only_connections_cannot_write(tmp_path: Path) -> None:
    path = grouped_store(tmp_path / "cw.db")
    with Store(path, read_only=True) as store, pytest.raises(sqlite3.OperationalError):
        store.conn.execute("DELETE FROM articles")


def test_a_damaged_store_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    path = grouped_store(tmp_path / "cw.db")
    garble_middle(path)
    before = fingerprint(tmp_path)
    for read_only in (True, False):
        with pytest.raises(StoreError, match="damaged .*quick_check") as caught:
            Store(path, read_only=read_only)
        assert caught.value.cause is Cause.DAMAGED
        assert "restore it from a backup" in caught.value.message
    assert fingerprint(tmp_path)["cw.db"] == before["cw.db"]


# -- one message per cause -------------------------------------------------------------------


def disk_full_error() -> sqlite3.Error:
    """SQLite's own error for a full disk (a scratch database capped at its size)."""
    with closing(sqlite3.connect(":memory:")) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
        return _error(lambda: conn.execute("INSERT INTO t VALUES (zeroblob(100000))"))


def _error(action) -> sqlite3.Error:  # type: ignore[no-untyped-def]
    with pytest.raises(sqlite3.Error) as caught:
        action()
    return caught.value


def test_each_sqlite_failure_gets_the_message_for_its_cause(tmp_path: Path) -> None:
    path = grouped_store(tmp_path / "cw.db")
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    read_only = _error(lambda: reader.execute("DELETE FROM articles"))
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    locked = _error(lambda: other.execute("BEGIN IMMEDIATE"))
    writer.execute("ROLLBACK")
    writer.execute(f"PRAGMA max_page_count = {writer.execute('PRAGMA page_count').fetchone()[0]}")
    full = _error(lambda: writer.execute("INSERT INTO migrations VALUES (?, '')", ("x" * 9000,)))
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 100)
    not_sqlite = _error(lambda: sqlite3.connect(text).execute("PRAGMA application_id"))
    cannot_open = _error(lambda: sqlite3.connect(tmp_path / "no" / "such.db"))
    for conn in (reader, writer, other):
        conn.close()

    expected = {
        Cause.READ_ONLY: (read_only, "the file or its folder is read-only"),
        Cause.LOCKED: (locked, "another program (another ingest?) is writing to it"),
        Cause.DISK_FULL: (full, "the disk holding the store at"),
        Cause.NOT_OURS: (not_sqlite, "is not a conflictwire store (not a SQLite database)"),
        Cause.CANNOT_OPEN: (cannot_open, "check that its folder exists"),
    }
    messages = set()
    for cause, (error, words) in expected.items():
        explained = explain(error, path)
        assert explained.cause is cause
        assert words in explained.message and str(path) in explained.message
        messages.add(explained.message)
    assert len(messages) == len(expected)
    others = [explain(e, path).message for c, (e, _) in expected.items() if c is not Cause.NOT_OURS]
    assert not any("not a conflictwire" in m for m in others)


# -- the command line ------------------------------------------------------------------------


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c))
def test_read_commands_refuse_another_programs_database_untouched(
    tmp_path: Path, command: list[str]
) -> None:
    path = foreign_database(tmp_path / "shop.db")
    before = fingerprint(tmp_path)
    code, out, err = run(*command, "--db", str(path))
    assert code == 3, err
    assert f"error: {path} is not a conflictwire store" in err and "customers, orders" in err
    assert "Traceback" not in err and out == ""
    assert fingerprint(tmp_path) == before
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert tables == {"customers", "orders"}


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c))
def test_read_commands_refuse_a_file_that_is_not_sqlite(tmp_path: Path, command: list) -> None:
    path = tmp_path / "report.txt"
    path.write_text("Bakhmut, 20 May: the city is encircled, officials said.\n" * 30)
    before = fingerprint(tmp_path)
    code, _, err = run(*command, "--db", str(path))
    assert code == 3 and "not a conflictwire store (not a SQLite database)" in err
    assert fingerprint(tmp_path) == before


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c))
def test_read_commands_on_a_missing_database_create_nothing(tmp_path: Path, command) -> None:
    code, _, err = run(*command, "--db", str(tmp_path / "missing.db"))
    assert code == 3 and "no database at" in err and "conflictwire ingest" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c))
def test_read_commands_on_a_garbled_store_exit_3(tmp_path: Path, command: list[str]) -> None:
    path = grouped_store(tmp_path / "cw.db")
    garble_middle(path)
    before = fingerprint(tmp_path)
    code, _, err = run(*command, "--db", str(path))
    assert code == 3, err
    assert f"error: the store at {path} is damaged" in err and "Traceback" not in err
    assert fingerprint(tmp_path) == before


def test_read_commands_leave_the_store_file_as_it_was(tmp_path: Path) -> None:
    path = grouped_store(tmp_path / "cw.db")
    before = fingerprint(tmp_path)["cw.db"]
    for command in READ_COMMANDS:
        code, out, err = run(*command, "--db", str(path))
        assert code == 0, err
        assert out
    assert fingerprint(tmp_path)["cw.db"] == before


def test_events_on_an_ungrouped_older_store_groups_in_memory(tmp_path: Path) -> None:
    path = legacy_store(tmp_path / "old.db", upto=3)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        m008_quote_speaker_type_and_stance(conn)  # the item columns written now
        old = Store.__new__(Store)
        old.conn = conn
        old.add_batch(el_fasher_shelling() + sukhnah_history())
    before = fingerprint(tmp_path)["old.db"]
    code, out, err = run("events", "--db", str(path), "-f", "jsonl")
    assert code == 0, err
    assert len(out.splitlines()) == 3
    assert "made by an older version" in err and "grouped in memory" in err
    assert fingerprint(tmp_path)["old.db"] == before


@pytest.mark.e2e
def test_timeline_on_a_garbled_store_exits_3(tmp_path: Path) -> None:
    path = grouped_store(tmp_path / "cw.db")
    garble_middle(path)
    code, _, err = run("timeline", "Kidal", "--db", str(path))
    assert code == 3 and "is damaged" in err


@pytest.mark.e2e
def test_ingest_refuses_a_garbled_store_and_writes_nothing(tmp_path: Path) -> None:
    path = grouped_store(tmp_path / "cw.db")
    garble_middle(path)
    before = fingerprint(tmp_path)
    code, _, err = run("ingest", str(FIXTURES / "marib_clashes.txt"), "--db", str(path))
    assert code == 3, err
    assert "is damaged" in err and "nothing was written to it" in err
    assert fingerprint(tmp_path) == before


@pytest.mark.e2e
def test_ingest_refuses_another_programs_database_untouched(tmp_path: Path) -> None:
    path = foreign_database(tmp_path / "shop.db")
    before = fingerprint(tmp_path)
    code, _, err = run("ingest", str(FIXTURES / "marib_clashes.txt"), "--db", str(path))
    assert code == 3 and "is not a conflictwire store" in err
    assert fingerprint(tmp_path) == before


@pytest.mark.e2e
def test_ingest_on_a_full_disk_says_so_and_keeps_what_was_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = grouped_store(tmp_path / "cw.db")
    with Store(path, read_only=True) as store:
        stored = store.counts()

    def disk_fills_up(self, table, pk, article_id, items):  # type: ignore[no-untyped-def]
        raise disk_full_error()  # what SQLite raises when a write finds the disk full

    monkeypatch.setattr(Store, "_insert_items", disk_fills_up)
    code, _, err = run("ingest", str(FIXTURES / "marib_clashes.txt"), "--db", str(path))
    assert code == 3, err
    assert f"error: the disk holding the store at {path} is full" in err
    assert "not a conflictwire" not in err
    monkeypatch.undo()
    with Store(path, read_only=True) as store:
        assert store.counts() == stored


@pytest.mark.e2e
def test_ingest_into_a_read_only_place_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = grouped_store(tmp_path / "cw.db")
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) == path else real_access(p, mode)
    )
    code, _, err = run("ingest", str(FIXTURES / "marib_clashes.txt"), "--db", str(path))
    assert code == 3
    assert "the file or its folder is read-only (the file is not writable)" in err
