"""Grid cells (`/api/events/aggregate`) agree with counting the events one by one, whichever way
they are read: the counts kept per cell and month, the R*Tree for the days at either end of a
range, or the events themselves when other filters apply (issue 14)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from conflictwire.dedup.tables import write_component
from conflictwire.serve.queries import Box, EventFilter, aggregate, default_zoom
from conflictwire.store import Store, read_only_connection
from conflictwire.store.event_index import cell_of

TYPES = ("Battles", "Riots", "Protests", "Explosions/Remote violence")
ACTORS = ("Islamic State", "Arakan Army", "Rapid Support Forces")


def synthetic(count: int, rng: random.Random) -> list[dict]:
    """Events around a few towns, on cell edges and at the world's corners, some undated."""
    towns = [(38.3, 35.0), (25.35, 13.63), (-1.63, 14.1), (96.1, 19.7), (37.6, 49.7)]
    edges = [(0.0, 0.0), (11.25, 22.5), (180.0, 90.0), (-180.0, -90.0), (179.99, -89.99)]
    records = []
    for n in range(count):
        if n % 50 == 0:
            lon, lat = edges[n // 50 % len(edges)]
        else:
            x, y = rng.choice(towns)
            lon, lat = x + rng.gauss(0, 2), max(-90.0, min(90.0, y + rng.gauss(0, 2)))
        day = date(2022, 1, 1) + timedelta(days=rng.randrange(800))
        records.append(
            {
                "group_id": f"cw{n:012x}",
                "event_type": rng.choice(TYPES),
                "sub_event_type": "Armed clash",
                "actor1": rng.choice(ACTORS),
                "actor2": None,
                "event_date": None if n % 97 == 0 else day.isoformat(),
                "time_precision": 1,
                "geonameid": None,
                "location": f"Town {n % 40}",
                "latitude": lat,
                "longitude": lon,
                "country": "Syria",
                "iso": "SY",
                "reports": [],
            }
        )
    return records


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    records = synthetic(3000, random.Random(7))
    path = tmp_path_factory.mktemp("cells") / "cells.db"
    with Store(path) as store:
        store.conn.execute("BEGIN")
        for i in range(0, len(records), 500):
            write_component(store.conn, [], f"c{i}", [], records[i : i + 500])
        store.conn.execute("COMMIT")
    return path, records


def expected(records: list[dict], f: EventFilter, zoom: int) -> dict[tuple, Counter]:
    box = f.bbox or Box(-180, -90, 180, 90)
    x0, y0 = cell_of(box.minlon, box.minlat, zoom)
    x1, y1 = cell_of(box.maxlon, box.maxlat, zoom)
    found: dict[tuple, Counter] = {}
    for r in records:
        day = r["event_date"]
        if (f.since or f.until) and not day:
            continue
        if (f.since and day < f.since) or (f.until and day > f.until):
            continue
        if f.event_types and r["event_type"] not in f.event_types:
            continue
        if f.actor and f.actor.lower() not in r["actor1"].lower():
            continue
        x, y = cell_of(r["longitude"], r["latitude"], zoom)
        if x0 <= x <= x1 and y0 <= y <= y1:
            found.setdefault((x, y), Counter())[r["event_type"]] += 1
    return found


def cases(rng: random.Random) -> list[tuple[EventFilter, int]]:
    chosen = []
    for _ in range(60):
        since = date(2021, 12, 1) + timedelta(days=rng.randrange(900))
        until = since + timedelta(days=rng.choice((0, 5, 29, 30, 31, 90, 400)))
        if rng.random() < 0.3:
            since = since.replace(day=1)
        west, south = rng.uniform(-180, 170), rng.uniform(-90, 80)
        box = Box(west, south, min(180, west + rng.uniform(1, 120)), min(90, south + 40))
        f = EventFilter(
            bbox=rng.choice((None, box)),
            since=rng.choice((None, since.isoformat())),
            until=rng.choice((None, until.isoformat())),
            event_types=rng.choice(((), ("Riots",), ("Battles", "Protests"))),
            actor=rng.choice((None, None, None, "state")),
        )
        if f.since and f.until and f.since > f.until:
            continue
        zoom = rng.choice((0, 1, 2, 3, 4, 5, 6, 7, 8, 9, default_zoom(f.bbox or box)))
        chosen.append((f, zoom))
    return chosen


@pytest.mark.parametrize("seed", [1, 2])
def test_cells_count_what_counting_one_by_one_finds(world, seed):
    path, records = world
    conn = read_only_connection(path)
    answered = 0
    for f, zoom in cases(random.Random(seed)):
        try:
            answer = aggregate(conn, f, zoom)
        except ValueError:  # too many cells for the box at this zoom
            continue
        got = {(c["x"], c["y"]): Counter(c["by_type"]) for c in answer["cells"]}
        assert got == expected(records, f, zoom), (f, zoom)
        assert answer["total"] == sum(sum(c.values()) for c in got.values())
        answered += answer["total"] > 0
    assert answered >= 20  # the cases find events, not only empty boxes
