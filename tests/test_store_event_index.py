"""The store's index of canonical events by place and time (store.event_index, migration m007)
and its text search (m006): kept in step by the one writer, filled in for older stores."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from conflictwire.dedup import group_store
from conflictwire.store import MIGRATIONS, Store, migrate
from conflictwire.store.event_index import (
    CELL_LEVELS,
    UNDATED_DAY,
    cell_degrees,
    cell_of,
    day_of,
    month_of,
    rtree_id,
)
from conflictwire.store.migrations import m008_quote_speaker_type_and_stance
from dedup_fakes import all_scenarios, el_fasher_shelling, report


def indexed(conn: sqlite3.Connection) -> dict[str, tuple]:
    """Group id -> (lon, lat, day, event type) as the R*Tree holds it."""
    rows = conn.execute(
        "SELECT printf('cw%012x', id), lon, lat, min_day, event_type FROM canonical_where"
    )
    return {gid: tuple(rest) for gid, *rest in rows}


def expected(conn: sqlite3.Connection) -> dict[str, tuple]:
    found = {}
    for (text,) in conn.execute("SELECT record FROM canonical_events"):
        r = json.loads(text)
        day = day_of(r["event_date"])
        found[r["group_id"]] = (r["longitude"], r["latitude"], day, r["event_type"])
    return found


def counted(conn: sqlite3.Connection, zoom: int) -> dict[tuple, int]:
    rows = conn.execute(
        "SELECT month, x, y, event_type, n, sum_lon FROM canonical_cells WHERE zoom = ?", (zoom,)
    )
    return {(m, x, y, t): n for m, x, y, t, n, _ in rows}


def cells_from_records(conn: sqlite3.Connection, zoom: int) -> dict[tuple, int]:
    found: dict[tuple, int] = {}
    for (text,) in conn.execute("SELECT record FROM canonical_events"):
        r = json.loads(text)
        x, y = cell_of(r["longitude"], r["latitude"], zoom)
        key = (month_of(r["event_date"]), x, y, r["event_type"])
        found[key] = found.get(key, 0) + 1
    return found


def test_the_grid_and_the_calendar():
    assert cell_degrees(0) == 45.0 and cell_degrees(2) == 11.25
    assert cell_of(-180.0, -90.0, 2) == (0, 0)
    assert cell_of(180.0, 90.0, 2) == (31, 15)  # the world's east and north edges: last cells
    for lon, lat in ((25.34936, 13.62793), (-1.62665, 14.09864), (98.50893, 16.68911)):
        x, y = cell_of(lon, lat, CELL_LEVELS[-1])
        assert cell_of(lon, lat, 0) == (x >> CELL_LEVELS[-1], y >> CELL_LEVELS[-1])
    assert day_of("1970-01-02") == 1 and day_of("not a date") is None
    assert month_of("2024-06-09") == 2024 * 12 + 5 and month_of(None) is None
    assert rtree_id("cw00000000000a") == 10 and rtree_id("other-id") is None


def test_grouping_keeps_the_index_in_step(tmp_path: Path):
    with Store(tmp_path / "cw.db") as store:
        store.add_batch(all_scenarios())
        group_store(store.conn)
        conn = store.conn
        assert indexed(conn) == expected(conn) and len(indexed(conn)) == 9
        for zoom in CELL_LEVELS:
            assert counted(conn, zoom) == cells_from_records(conn, zoom)
        # a fourth outlet's report of the El Fasher shelling joins its group: rewritten, once
        late = report(
            "fasher-afp",
            "AFP",
            "Rapid Support Forces shells killed 11 people in El Fasher's market on Sunday.",
            "Shelling/artillery/missile attack",
            "El Fasher",
            "2024-06-09",
            actor1="Rapid Support Forces",
            fatalities=11,
        )
        store.add_batch([late])
        group_store(store.conn)
        assert indexed(conn) == expected(conn) and len(indexed(conn)) == 9
        for zoom in CELL_LEVELS:
            assert counted(conn, zoom) == cells_from_records(conn, zoom)
        assert conn.execute("SELECT count(*) FROM canonical_cells WHERE n <= 0").fetchone() == (0,)


def test_an_event_without_a_point_or_a_date(tmp_path: Path):
    unplaced = report(
        "nowhere",
        "AFP",
        "Gunmen attacked a convoy, killing 2 people, officials said.",
        "Attack",
        "Djibo",
        "2023-05-28",
        actor1="Unidentified Armed Group (Burkina Faso)",
    )
    unplaced.events[0].latitude = unplaced.events[0].longitude = float("nan")
    undated = report(
        "undated",
        "AFP",
        "Fighters clashed near Kidal, killing 6 people.",
        "Armed clash",
        "Kidal",
        "2023-05-28",
        actor1="JNIM",
    )
    undated.events[0].event_date = None
    with Store(tmp_path / "cw.db") as store:
        store.add_batch([unplaced, undated])
        group_store(store.conn)
        rows = indexed(store.conn)
        assert len(rows) == 1  # the event without a point is not in the R*Tree
        ((lon, lat, day, kind),) = rows.values()
        assert (lon, lat, kind) == (1.50521, 19.13558, "Battles") and day == UNDATED_DAY
        assert {k[0] for k in counted(store.conn, CELL_LEVELS[0])} == {-1}


def test_an_older_store_gets_its_index_and_search_on_upgrade(tmp_path: Path):
    with Store(tmp_path / "new.db") as new:  # what dedup wrote, copied into an m005 store
        new.add_batch(el_fasher_shelling())
        group_store(new.conn)
        rows = new.conn.execute(
            "SELECT group_id, component, event_type, sub_event_type, actor1, actor2, event_date,"
            " time_precision, geonameid, location, n_reports, record FROM canonical_events"
        ).fetchall()
    path = tmp_path / "old.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        migrate(conn, MIGRATIONS[:5])
        m008_quote_speaker_type_and_stance(conn)  # the item columns written now
        old = Store.__new__(Store)
        old.conn = conn
        old.add_batch(el_fasher_shelling())
        conn.executemany(
            "INSERT INTO canonical_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )
    with Store(path) as store:
        conn = store.conn
        assert indexed(conn) == expected(conn) and len(indexed(conn)) == 1
        assert counted(conn, CELL_LEVELS[1]) == cells_from_records(conn, CELL_LEVELS[1])
        assert conn.execute("SELECT country, iso FROM canonical_events").fetchall() == [
            ("Sudan", "SD")
        ]
        search = "SELECT a.id FROM articles_fts f JOIN articles a ON a.pk = f.rowid"
        hits = conn.execute(f"{search} WHERE articles_fts MATCH 'market' ORDER BY a.id")
        assert [h[0] for h in hits] == ["fasher-dabanga", "fasher-reuters", "fasher-tribune"]
        store.add_batch(
            [
                report(
                    "kupyansk",
                    "Ukrinform",
                    "Russian drones struck a market in Kupyansk on Friday.",
                    "Air/drone strike",
                    "Kupyansk",
                    "2024-06-14",
                )
            ]
        )
        hits = conn.execute(f"{search} WHERE articles_fts MATCH 'kupyansk'").fetchall()
        assert hits == [("kupyansk",)]  # new articles are searchable at once
