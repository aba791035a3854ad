"""Canonical events for the API: the filters as SQL, pages, counts, records and grid cells.

Every value reaches SQLite as a bound parameter; only fixed fragments of SQL are joined here.

- With a ``bbox`` (and for cells), events are found through the R*Tree
  (``store.event_index``): only located events, their exact point in the box, their day in the
  date range. Without one, through ``canonical_events`` and its (date, id) index: unlocated
  events count too.
- Order: by date then id (undated events are the oldest), newest or oldest first; the same in
  both ways (an R*Tree id is its group id's number, ordered as the group id is).
- Cells (:func:`aggregate`): the grid cells of the zoom that overlap the box, each with all its
  events. Read from the counts kept per cell and month when only place, time and event type
  filter (the months the range holds whole; the days at either end from the R*Tree), else
  counted from the events.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from ..store.event_index import (
    CELL_LEVELS,
    UNDATED_DAY,
    UNDATED_MONTH,
    cell_degrees,
    cell_of,
    day_of,
    group_id_sql,
    month_of,
)

AGGREGATE_ABOVE = 5000  # ``mode=auto``: more matching events than this are answered as cells
MAX_CELLS = 65_536  # grid cells a box may span at the zoom asked for
DOWNLOAD_LIMIT = 100_000  # events in one CSV or GeoJSON download
MAX_REPORTS = 500  # reports (with their article's text) in one event's answer

# The fields of an event in a page of events (the record has more: see the event's route).
SUMMARY_FIELDS = (
    "event_date",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "civilian_targeting",
    "location",
    "geonameid",
    "admin1",
    "country",
    "iso",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "source",
    "confidence",
)


@dataclass(frozen=True)
class Box:
    minlon: float
    minlat: float
    maxlon: float
    maxlat: float

    def as_list(self) -> list[float]:
        return [self.minlon, self.minlat, self.maxlon, self.maxlat]


WORLD = Box(-180.0, -90.0, 180.0, 90.0)


@dataclass(frozen=True)
class EventFilter:
    """Which canonical events; empty fields do not filter. Types are the ontology's names."""

    bbox: Box | None = None
    since: str | None = None  # YYYY-MM-DD
    until: str | None = None
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    actor: str | None = None  # part of actor1's or actor2's name, any case
    place: str | None = None  # the event's location, any case
    country: str | None = None  # country name or ISO alpha-2 code, any case
    geonameid: int | None = None  # the event's place or any of its reports'
    q: str | None = None  # words all found in a report's article

    @property
    def by_place_time_type(self) -> bool:
        """Only the box, the dates and event types filter (what the cell counts answer)."""
        return not (
            self.sub_event_types
            or self.actor
            or self.place
            or self.country
            or self.geonameid is not None
            or self.q
        )


def fts_query(text: str) -> str:
    """FTS5 syntax for "every word of ``text``": each word a quoted string, so that no input is
    read as an operator or a syntax error (NUL, which ends FTS5's reading, is dropped)."""
    words = text.replace("\x00", " ").split()
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in words) or '""'


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _marks(values: tuple[Any, ...]) -> str:
    return ", ".join("?" * len(values))


@dataclass
class _Query:
    """``FROM ... WHERE ...`` for a filter: ``spatial`` reads the R*Tree ``w`` (joined to
    ``canonical_events c`` when ``joined``)."""

    spatial: bool
    joined: bool
    source: str
    where: list[str]
    params: list[Any]

    @property
    def sql(self) -> str:
        return f" FROM {self.source} WHERE {' AND '.join(self.where) or '1'}"

    @property
    def order_keys(self) -> tuple[str, str]:
        return ("w.min_day", "w.id") if self.spatial else ("c.event_date", "c.group_id")


def _query(f: EventFilter, *, spatial: bool = False, records: bool = False) -> _Query:
    """The SQL for ``f``; ``spatial`` forces the R*Tree (located events only); ``records``
    joins ``canonical_events`` to read them."""
    spatial = spatial or f.bbox is not None
    where: list[str] = []
    params: list[Any] = []
    events_filtered = not f.by_place_time_type
    if spatial:
        box = f.bbox or WORLD
        where += ["w.max_lon >= ?", "w.min_lon <= ?", "w.max_lat >= ?", "w.min_lat <= ?"]
        where += ["w.lon BETWEEN ? AND ?", "w.lat BETWEEN ? AND ?"]
        params += [box.minlon, box.maxlon, box.minlat, box.maxlat] * 2
        if f.since or f.until:
            first = day_of(f.since) if f.since else UNDATED_DAY + 1
            last = day_of(f.until) if f.until else 10**7
            where += ["w.max_day >= ?", "w.min_day <= ?"]
            params += [first, last]
        if f.event_types:
            where.append(f"w.event_type IN ({_marks(f.event_types)})")
            params += f.event_types
        joined = records or events_filtered
        source = "canonical_where w"
        if joined:
            source += f" CROSS JOIN canonical_events c ON c.group_id = {group_id_sql('w.id')}"
    else:
        joined = True
        source = "canonical_events c"
        if f.since:
            where.append("c.event_date >= ?")
            params.append(f.since)
        if f.until:
            where.append("c.event_date <= ?")
            params.append(f.until)
        if f.event_types:
            where.append(f"c.event_type IN ({_marks(f.event_types)})")
            params += f.event_types
    if f.sub_event_types:
        where.append(f"c.sub_event_type IN ({_marks(f.sub_event_types)})")
        params += f.sub_event_types
    if f.actor:
        where.append("(c.actor1 LIKE ? ESCAPE '\\' OR c.actor2 LIKE ? ESCAPE '\\')")
        params += [_like(f.actor)] * 2
    if f.place:
        where.append("c.location = ? COLLATE NOCASE")
        params.append(f.place)
    if f.country:
        where.append("(c.country = ? COLLATE NOCASE OR c.iso = ? COLLATE NOCASE)")
        params += [f.country] * 2
    if f.geonameid is not None:
        where.append(
            "(c.geonameid = ? OR c.group_id IN (SELECT r.group_id FROM event_reports r"
            " JOIN events e ON e.article_pk = r.article_pk AND e.idx = r.idx"
            " WHERE e.geonameid = ?))"
        )
        params += [f.geonameid] * 2
    if f.q:
        where.append(
            "c.group_id IN (SELECT r.group_id FROM event_reports r WHERE r.article_pk IN"
            " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))"
        )
        params.append(fts_query(f.q))
    return _Query(spatial, joined, source, where, params)


def count(conn: sqlite3.Connection, f: EventFilter, *, cap: int | None = None) -> int:
    """How many events match (counting stops past ``cap``: ``cap + 1`` means more)."""
    query = _query(f)
    if cap is None:
        return int(conn.execute(f"SELECT count(*){query.sql}", query.params).fetchone()[0])
    sql = f"SELECT count(*) FROM (SELECT 1{query.sql} LIMIT ?)"
    return int(conn.execute(sql, [*query.params, cap + 1]).fetchone()[0])


def _ordered(query: _Query, newest_first: bool) -> str:
    way = "DESC" if newest_first else "ASC"
    return ", ".join(f"{key} {way}" for key in query.order_keys)


def records(
    conn: sqlite3.Connection,
    f: EventFilter,
    *,
    limit: int,
    offset: int = 0,
    newest_first: bool = True,
) -> list[dict[str, Any]]:
    """The matching canonical event records (as dedup wrote them), in order."""
    query = _query(f)
    order = _ordered(query, newest_first)
    if query.spatial and not query.joined:  # the page from the R*Tree alone, then its records
        way = "DESC" if newest_first else "ASC"
        sql = (
            f"SELECT c.record FROM (SELECT w.id, w.min_day{query.sql} ORDER BY {order}"
            f" LIMIT ? OFFSET ?) AS w CROSS JOIN canonical_events c"
            f" ON c.group_id = {group_id_sql('w.id')} ORDER BY w.min_day {way}, w.id {way}"
        )
    else:
        query = _query(f, records=True)
        sql = f"SELECT c.record{query.sql} ORDER BY {order} LIMIT ? OFFSET ?"
    return [json.loads(r) for (r,) in conn.execute(sql, [*query.params, limit, offset])]


def per_day(conn: sqlite3.Connection, f: EventFilter) -> list[tuple[date, int]]:
    """How many dated events match, per day."""
    query = _query(f)
    if query.spatial:
        query.where.append("w.min_day > ?")
        query.params.append(UNDATED_DAY)
        rows = conn.execute(f"SELECT w.min_day, count(*){query.sql} GROUP BY 1", query.params)
        epoch = date(1970, 1, 1).toordinal()
        return [(date.fromordinal(int(day) + epoch), n) for day, n in rows]
    query.where.append("c.event_date IS NOT NULL")
    rows = conn.execute(f"SELECT c.event_date, count(*){query.sql} GROUP BY 1", query.params)
    found = []
    for value, n in rows:
        try:
            found.append((date.fromisoformat(str(value)[:10]), n))
        except ValueError:
            continue
    return found


def finite(value: Any) -> Any:
    """``value`` with every non-finite number as ``None`` (JSON has no NaN), recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite(v) for v in value]
    return value


def summary(record: dict[str, Any]) -> dict[str, Any]:
    """An event as a page of events lists it: its id, :data:`SUMMARY_FIELDS`, its report count."""
    data = {"id": record["group_id"], **{k: record.get(k) for k in SUMMARY_FIELDS}}
    data["reports"] = len(record.get("reports", []))
    return finite(data)


# -- cells --------------------------------------------------------------------------------------


class TooManyCells(ValueError):
    """The box spans more than :data:`MAX_CELLS` cells at the zoom asked for."""


def default_zoom(box: Box) -> int:
    """The zoom at which the box is about 32 cells wide (or high, at half the degrees)."""
    span = max(box.maxlon - box.minlon, 2 * (box.maxlat - box.minlat), 1e-6)
    return max(0, min(18, math.floor(math.log2(11520 / span)) - 3))


@dataclass
class _Cell:
    count: int = 0
    sum_lon: float = 0.0
    sum_lat: float = 0.0
    by_type: Counter[str] | None = None

    def add(self, kind: str, n: int, sum_lon: float, sum_lat: float) -> None:
        self.count += n
        self.sum_lon += sum_lon
        self.sum_lat += sum_lat
        self.by_type = self.by_type or Counter()
        self.by_type[kind] += n


def _month_start(month: int) -> date:
    return date(month // 12, month % 12 + 1, 1)


def _split_by_month(
    since: str | None, until: str | None
) -> tuple[tuple[int, int] | None, list[tuple[str | None, str | None]]]:
    """The whole months ``[since, until]`` holds (read from the cell counts; ``None``: none)
    and the day ranges left at either end (read from the R*Tree). No dates: every month,
    undated events too."""
    if not since and not until:
        return (UNDATED_MONTH, 10**7), []
    first, last = 0, 10**7
    if since:
        start = date.fromisoformat(since)
        first = month_of(since) or 0
        first += 0 if start.day == 1 else 1
    if until:
        end = date.fromisoformat(until)
        last = month_of(until) or 0
        last -= 0 if (end + timedelta(days=1)).day == 1 else 1
    if first > last:
        return None, [(since, until)]
    ends: list[tuple[str | None, str | None]] = []
    if since and date.fromisoformat(since) < _month_start(first):
        ends.append((since, (_month_start(first) - timedelta(days=1)).isoformat()))
    if until and last < 10**7:
        after = _month_start(last + 1)
        if date.fromisoformat(until) >= after:
            ends.append((after.isoformat(), until))
    return (first, last), ends


def _from_counts(
    conn: sqlite3.Connection,
    cells: dict[tuple[int, int], _Cell],
    zoom: int,
    span: tuple[int, int, int, int],
    months: tuple[int, int],
    event_types: tuple[str, ...],
) -> None:
    stored = min(level for level in CELL_LEVELS if level >= zoom)
    shift = stored - zoom
    x0, y0, x1, y1 = span
    sql = (
        "SELECT x >> ?, y >> ?, event_type, sum(n), sum(sum_lon), sum(sum_lat)"
        " FROM canonical_cells WHERE zoom = ? AND month BETWEEN ? AND ?"
        " AND x BETWEEN ? AND ? AND y BETWEEN ? AND ?"
    )
    params: list[Any] = [shift, shift, stored, *months]
    params += [x0 << shift, ((x1 + 1) << shift) - 1, y0 << shift, ((y1 + 1) << shift) - 1]
    if event_types:
        sql += f" AND event_type IN ({_marks(event_types)})"
        params += event_types
    sql += " GROUP BY 1, 2, 3"
    for x, y, kind, n, sum_lon, sum_lat in conn.execute(sql, params):
        cells.setdefault((x, y), _Cell()).add(kind, n, sum_lon, sum_lat)


def _from_events(
    conn: sqlite3.Connection,
    cells: dict[tuple[int, int], _Cell],
    zoom: int,
    span: tuple[int, int, int, int],
    f: EventFilter,
) -> None:
    query = _query(f, spatial=True)
    x0, y0, x1, y1 = span
    for lon, lat, kind in conn.execute(
        f"SELECT w.lon, w.lat, w.event_type{query.sql}", query.params
    ):
        x, y = cell_of(lon, lat, zoom)
        if x0 <= x <= x1 and y0 <= y <= y1:
            cells.setdefault((x, y), _Cell()).add(kind, 1, lon, lat)


def aggregate(conn: sqlite3.Connection, f: EventFilter, zoom: int) -> dict[str, Any]:
    """The located events matching ``f`` counted per grid cell of ``zoom`` (see the module's
    docstring); raises :class:`TooManyCells`."""
    box = f.bbox or WORLD
    size = cell_degrees(zoom)
    x0, y0 = cell_of(box.minlon, box.minlat, zoom)
    x1, y1 = cell_of(box.maxlon, box.maxlat, zoom)
    spanned = (x1 - x0 + 1) * (y1 - y0 + 1)
    if spanned > MAX_CELLS:
        raise TooManyCells(
            f"the box spans {spanned:,} cells at zoom {zoom}, over the {MAX_CELLS:,} answered;"
            " give a smaller box or a lower zoom"
        )
    span = (x0, y0, x1, y1)
    snapped = Box(
        -180.0 + x0 * size,
        -90.0 + y0 * size,
        min(180.0, -180.0 + (x1 + 1) * size),
        min(90.0, -90.0 + (y1 + 1) * size),
    )
    cells: dict[tuple[int, int], _Cell] = {}
    if f.by_place_time_type and zoom <= max(CELL_LEVELS):
        months, ends = _split_by_month(f.since, f.until)
        if months is not None:
            _from_counts(conn, cells, zoom, span, months, f.event_types)
        for since, until in ends:
            _from_events(
                conn, cells, zoom, span, replace(f, bbox=snapped, since=since, until=until)
            )
    else:
        _from_events(conn, cells, zoom, span, replace(f, bbox=snapped))
    found = []
    for (x, y), cell in sorted(cells.items()):
        if cell.count <= 0:
            continue
        west, south = -180.0 + x * size, -90.0 + y * size
        found.append(
            {
                "x": x,
                "y": y,
                "bounds": [west, south, min(180.0, west + size), min(90.0, south + size)],
                "center": [cell.sum_lon / cell.count, cell.sum_lat / cell.count],
                "count": cell.count,
                "by_type": dict(sorted((cell.by_type or Counter()).items())),
            }
        )
    return {
        "aggregated": True,
        "zoom": zoom,
        "cell_degrees": size,
        "bbox": box.as_list(),
        "total": sum(c["count"] for c in found),
        "cells": found,
    }


def iter_downloads(
    conn: sqlite3.Connection, f: EventFilter, *, newest_first: bool
) -> Iterator[dict[str, Any]]:
    """At most :data:`DOWNLOAD_LIMIT` matching records, in order."""
    yield from records(conn, f, limit=DOWNLOAD_LIMIT, newest_first=newest_first)
