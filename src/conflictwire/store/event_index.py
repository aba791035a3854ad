"""Canonical events by place and time: an R*Tree of their points and days, and their counts
per grid cell, month and event type (created by migration m007; written only here).

- ``canonical_where`` (SQLite's R*Tree module): one box per located canonical event, its point
  (longitude, latitude) and its day (days since 1970-01-01; :data:`UNDATED_DAY` when it has no
  date), with its event type and its exact point beside it (the box's corners are rounded to
  single precision). Its id is the group id's 48-bit number
  (:func:`rtree_id`), so it stays right whatever SQLite does to row ids.
- ``canonical_cells``: located canonical events counted per grid cell of the zooms in
  :data:`CELL_LEVELS`, per month and event type, with the sums of their coordinates (for a
  cell's centroid). A map zoomed out reads these instead of a million points.

The grid: at zoom ``z`` a cell is :func:`cell_degrees` wide and high, counted from (-180, -90);
a cell of zoom ``z`` holds exactly the cells of zoom ``z + 1`` whose indexes halved are its own.

:func:`index_events` and :func:`unindex_components` are called by the one writer of canonical
events (``dedup.tables.write_component``), in its transaction.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

# Zooms whose cells are counted ahead. Changing them needs a new migration that rebuilds
# ``canonical_cells``.
CELL_LEVELS = (2, 5, 8)
UNDATED_DAY = -1_000_000  # an undated event's day in the R*Tree (before any date asked for)
UNDATED_MONTH = -1
_EPOCH = date(1970, 1, 1).toordinal()
_GROUP_ID = re.compile(r"cw[0-9a-f]{12}")
_CHUNK = 500


def cell_degrees(zoom: int) -> float:
    """The side of a grid cell at ``zoom``: 45 degrees at zoom 0, halved at each zoom."""
    return 360.0 / 2 ** (zoom + 3)


def cell_of(longitude: float, latitude: float, zoom: int) -> tuple[int, int]:
    """The grid cell ``(x, y)`` of a point at ``zoom`` (points on the east or north edge of
    the world go in its last cell)."""
    size = cell_degrees(zoom)
    columns, rows = 2 ** (zoom + 3), 2 ** (zoom + 2)
    return (
        min(int((longitude + 180.0) / size), columns - 1),
        min(int((latitude + 90.0) / size), rows - 1),
    )


def day_of(value: str | None) -> int | None:
    """``YYYY-MM-DD`` as days since 1970-01-01; ``None`` when missing or malformed."""
    try:
        return date.fromisoformat(str(value)[:10]).toordinal() - _EPOCH if value else None
    except ValueError:
        return None


def month_of(value: str | None) -> int | None:
    """``YYYY-MM-DD`` as months since year 0 (``year * 12 + month - 1``); ``None`` when missing
    or malformed."""
    try:
        day = date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
    return day.year * 12 + day.month - 1 if day else None


def point_of(latitude: Any, longitude: Any) -> tuple[float, float] | None:
    """``(longitude, latitude)`` when both are finite numbers in range, else ``None``."""
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    return lon, lat


def rtree_id(group_id: str) -> int | None:
    """A canonical event's id in the R*Tree: the 48-bit number its group id writes in hex
    (``cw`` + 12 hex digits); ``None`` for an id not of that form (it is not indexed)."""
    return int(group_id[2:], 16) if _GROUP_ID.fullmatch(group_id) else None


def group_id_sql(column: str) -> str:
    """SQL for the group id of an R*Tree id held in ``column`` (the inverse of :func:`rtree_id`)."""
    return f"printf('cw%012x', {column})"


def create(conn: sqlite3.Connection) -> None:
    """The R*Tree and the cell counts (empty)."""
    conn.execute(
        "CREATE VIRTUAL TABLE canonical_where USING rtree(id, min_lon, max_lon, min_lat, max_lat,"
        " min_day, max_day, +event_type TEXT, +lon REAL, +lat REAL)"
    )
    conn.execute(
        """
        CREATE TABLE canonical_cells (
            zoom INTEGER NOT NULL,
            month INTEGER NOT NULL,
            x INTEGER NOT NULL,
            y INTEGER NOT NULL,
            event_type TEXT NOT NULL,
            n INTEGER NOT NULL,
            sum_lon REAL NOT NULL,
            sum_lat REAL NOT NULL,
            PRIMARY KEY (zoom, month, x, y, event_type)
        ) WITHOUT ROWID
        """
    )


_CELL_UPSERT = (
    "INSERT INTO canonical_cells (zoom, month, x, y, event_type, n, sum_lon, sum_lat)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (zoom, month, x, y, event_type) DO UPDATE SET"
    " n = n + excluded.n, sum_lon = sum_lon + excluded.sum_lon,"
    " sum_lat = sum_lat + excluded.sum_lat"
)


def _entries(
    records: Iterable[Mapping[str, Any]],
) -> Iterable[tuple[int, str, int, int, float, float]]:
    """``(rtree id, event type, day, month, lon, lat)`` of each located record."""
    for record in records:
        key = rtree_id(str(record.get("group_id") or ""))
        point = point_of(record.get("latitude"), record.get("longitude"))
        if key is None or point is None:
            continue
        when = record.get("event_date")
        day, month = day_of(when), month_of(when)
        yield (
            key,
            str(record.get("event_type")),
            UNDATED_DAY if day is None else day,
            UNDATED_MONTH if month is None else month,
            *point,
        )


def _count(conn: sqlite3.Connection, entries: Sequence[tuple[Any, ...]], sign: int) -> None:
    cells: dict[tuple[int, int, int, int, str], list[float]] = {}
    for _, kind, _, month, lon, lat in entries:
        for zoom in CELL_LEVELS:
            x, y = cell_of(lon, lat, zoom)
            total = cells.setdefault((zoom, month, x, y, kind), [0, 0.0, 0.0])
            total[0] += sign
            total[1] += sign * lon
            total[2] += sign * lat
    conn.executemany(_CELL_UPSERT, [(*key, *total) for key, total in cells.items()])
    if sign < 0:  # cells left empty go
        conn.executemany(
            "DELETE FROM canonical_cells WHERE zoom = ? AND month = ? AND x = ? AND y = ?"
            " AND event_type = ? AND n <= 0",
            list(cells),
        )


def index_events(conn: sqlite3.Connection, records: Iterable[Mapping[str, Any]]) -> None:
    """Add canonical event records (as written to ``canonical_events``) to the R*Tree and the
    cell counts; records without a valid point are not indexed."""
    entries = list(_entries(records))
    conn.executemany(
        "INSERT INTO canonical_where VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (key, lon, lon, lat, lat, day, day, kind, lon, lat)
            for key, kind, day, _, lon, lat in entries
        ],
    )
    _count(conn, entries, +1)


def unindex_components(conn: sqlite3.Connection, components: Sequence[str]) -> None:
    """Take the canonical events of these components (about to be deleted) out of the R*Tree
    and the cell counts."""
    records = []
    for i in range(0, len(components), _CHUNK):
        chunk = list(components[i : i + _CHUNK])
        sql = (
            "SELECT record FROM canonical_events"
            f" WHERE component IN ({', '.join('?' * len(chunk))})"
        )
        records += [json.loads(record) for (record,) in conn.execute(sql, chunk)]
    entries = list(_entries(records))
    conn.executemany("DELETE FROM canonical_where WHERE id = ?", [(e[0],) for e in entries])
    _count(conn, entries, -1)
