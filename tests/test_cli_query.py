"""events, timeline and control over a store of hand-built reports (dedup_fakes)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from conflictwire.cli import main
from conflictwire.store import Store
from conflictwire.store.migrations import (
    MIGRATIONS,
    m008_quote_speaker_type_and_stance,
    migrate,
)
from dedup_fakes import IS, SYRIA, all_scenarios, el_fasher_shelling, sukhnah_history


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "scenarios.db"
    with Store(path) as store:
        store.add_batch(all_scenarios())  # stored, not yet grouped: the commands group first
    return str(path)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_events_table_has_one_row_per_real_event(db):
    code, out, err = run("events", "--db", db)
    assert code == 0, err
    assert "9 events" in err  # 12 reports: El Fasher x3 and Kidal x2 are one event each
    row = next(line for line in out.splitlines() if "Shelling" in line)
    assert "Dabanga; Reuters; Sudan Tribune" in row and " 9 " in row


def test_events_filters(db):
    _, out, _ = run(
        "events", "--db", db, "-f", "jsonl", "--type", "battles", "--since", "2023-01-01"
    )
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["location"] for r in records} == {"Kidal", "Bakhmut", "Myawaddy"}
    _, out, _ = run("events", "--db", db, "-f", "jsonl", "--actor", "rapid support")
    assert {r["sub_event_type"] for r in map(json.loads, out.splitlines())} == {
        "Shelling/artillery/missile attack",
        "Air/drone strike",
    }
    _, out, _ = run("events", "--db", db, "-f", "jsonl", "--until", "2016-01-01")
    (record,) = map(json.loads, out.splitlines())
    assert record["actor1"] == IS


def test_events_in_the_export_formats(db, tmp_path):
    _, out, _ = run(
        "events", "--db", db, "-f", "acled-csv", "--type", "Shelling/artillery/missile attack"
    )
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["fatalities"] == "9" and row["source"] == "Dabanga; Reuters; Sudan Tribune"
    assert row["source_scale"] == "National-International" and row["event_id_cnty"].startswith(
        "SDN"
    )
    _, out, _ = run("events", "--db", db, "-f", "geojson")
    features = json.loads(out)["features"]
    assert len(features) == 9 and max(f["properties"]["reports"] for f in features) == 3
    target = tmp_path / "events.parquet"
    code, _, err = run("events", "--db", db, "-f", "parquet", "-o", str(target))
    assert code == 0, err
    assert pq.read_table(target).num_rows == 9
    assert run("events", "--db", db, "-f", "parquet")[0] == 2


def test_reports_keep_every_source_and_say_why_they_were_grouped(db):
    code, out, err = run("events", "--db", db, "--reports", "--actor", "Rapid Support")
    assert code == 0 and "3 reports" in err  # the Tribune's names no actor1
    _, out, err = run(
        "events", "--db", db, "--reports", "--type", "shelling/artillery/missile attack"
    )
    assert "3 reports" in err and "Sudan Tribune" in out
    assert out.count("same type Explosions/Remote violence") == 2
    _, out, _ = run("events", "--db", db, "--reports", "-f", "jsonl", "--type", "Attack")
    (article,) = map(json.loads, out.splitlines())
    assert article["id"] == "djibo" and len(article["events"]) == 1


def test_control_on_a_date_as_geojson(db):
    code, out, err = run("control", "--date", "2016-06-01", "--db", db, "-f", "geojson")
    assert code == 0, err
    features = {f["properties"]["place"]: f["properties"] for f in json.loads(out)["features"]}
    assert features["As Sukhnah"]["controller"] == IS
    assert features["As Sukhnah"]["since"] == "2015-05-15"
    assert features["Kidal"]["controller"] is None  # before its first change: unknown
    assert features["Bakhmut"]["disputed"] is False  # nothing yet on that date
    _, out, _ = run("control", "--date", "2023-06-01", "--db", db, "-f", "json")
    bakhmut = next(p for p in json.loads(out) if p["place"] == "Bakhmut")
    assert bakhmut["disputed"] is True and "denied by Kyiv Independent" in bakhmut["notes"]
    _, out, _ = run("control", "--date", "2018-01-01", "--db", db)
    assert "Military Forces of Syria" in out and "2017-08-14 (week)" in out


def test_errors(tmp_path, db):
    missing = str(tmp_path / "missing.db")
    for command in (["events"], ["timeline", "Kidal"], ["control", "--date", "2020-01-01"]):
        code, _, err = run(*command, "--db", missing)
        assert code == 3 and "no database" in err
    assert run("control", "--date", "2020-13-01", "--db", db)[0] == 2
    assert run("events", "--since", "yesterday", "--db", db)[0] == 2


def test_an_old_store_is_grouped_on_first_use(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:3])
    m008_quote_speaker_type_and_stance(conn)  # the item columns this version writes
    conn.close()
    old = Store.__new__(Store)
    old.path, old.conn = str(path), sqlite3.connect(path, isolation_level=None)
    old.add_batch(el_fasher_shelling() + sukhnah_history())
    old.close()
    code, out, _ = run("events", "--db", str(path), "-f", "jsonl")
    assert code == 0 and len(out.splitlines()) == 3
    with Store(path) as store:
        assert store.counts()["events"] == 5


@pytest.mark.e2e
def test_timeline_by_any_alias(db):
    for name in ("al-Sukhnah", "As Sukhnah", "Sukhnah"):
        code, out, err = run("timeline", name, "--db", db)
        assert code == 0, err
        assert "As Sukhnah (Ḩimş, Syria; geonameid 172425)" in out
        lines = out.splitlines()
        is_line = next(i for i, line in enumerate(lines) if line.startswith("2015-05 "))
        assert IS in lines[is_line] and SYRIA in lines[is_line + 1]
        assert lines[is_line + 1].startswith("2017-08-14")


@pytest.mark.e2e
def test_timeline_formats_and_place_filters(db):
    _, out, _ = run("timeline", "Bakhmut", "--db", db, "-f", "json")
    (bakhmut,) = json.loads(out)
    assert bakhmut["changes"][0]["disputed"] is True
    _, out, _ = run("timeline", "Kidal", "--db", db, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["sub_event_type"] for r in rows] == [
        "Government regains territory",
        "Non-state actor overtakes territory",
    ]
    _, out, _ = run("events", "--db", db, "-f", "jsonl", "--place", "El Fasher")
    assert len(out.splitlines()) == 2
    _, out, _ = run("control", "--date", "2024-01-01", "--db", db, "--place", "Kidal")
    assert "Military Forces of Mali" in out and "Sukhnah" not in out


@pytest.mark.e2e
def test_unknown_place(db):
    code, _, err = run("timeline", "Xqzzyville", "--db", db)
    assert code == 2 and "no place in the gazetteer matches 'Xqzzyville'" in err
    code, out, err = run("timeline", "Palmyra", "--db", db)
    assert code == 0 and "no control changes recorded for 'Palmyra'" in err and "Tadmur" in err
