"""Reading and writing dedup's tables (created by the store's migration m004): event reports,
their groups, canonical events; and the other outlets of an article (``article_sources``, m005)
that its canonical events list.

A *report* is one stored event of one article (``events`` row). Its ``key`` is the article's
content hash and the event's index, so it is the same whatever order articles were ingested in.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from conflictwire.dedup.match import Report, Thresholds, cell_range, day_number
from conflictwire.models import event_fields
from conflictwire.store import event_index

# The event columns a report carries (for matching and for the canonical event's fields).
_EVENT_FIELDS = (*event_fields("event_type", "fatalities"), "confidence")
_ARTICLE_FIELDS = ("article_id", "source", "url", "published", "title")
_SELECT = (
    ", ".join(f'e."{c}"' for c in _EVENT_FIELDS)
    + ", a.id, a.source, a.url, a.published, a.title, e.article_pk, e.idx,"
    " json_extract(e.evidence, '$.fatalities') IS NOT NULL"
)
_FROM = " FROM events e JOIN articles a ON a.pk = e.article_pk"
# Reports are read in chunks of this many rows, and looked up in chunks of this many keys.
_CHUNK = 500

CanonicalRow = dict[str, Any]


def _report(row: Sequence[Any], key: str, notes: str | None, component: str | None) -> Report:
    n = len(_EVENT_FIELDS)
    data = dict(zip(_EVENT_FIELDS + _ARTICLE_FIELDS, row[: n + 5], strict=True))
    data["civilian_targeting"] = bool(data["civilian_targeting"])
    data["fatalities_reported"] = bool(row[n + 7])
    data.update(key=key, notes=notes, component=component, event_index=row[n + 6])
    return Report(
        key=key,
        article=str(row[n + 5]),
        event_type=data["event_type"],
        sub_event_type=data["sub_event_type"],
        actor1=data["actor1"],
        actor2=data["actor2"],
        day=day_number(data["event_date"]),
        time_precision=data["time_precision"],
        latitude=_finite(data["latitude"]),
        longitude=_finite(data["longitude"]),
        geo_precision=data["geo_precision"],
        confidence=float(data["confidence"] or 0.0),
        extra=data,
    )


def _finite(value: Any) -> float | None:
    return float(value) if value is not None and math.isfinite(float(value)) else None


_PENDING_FROM = (
    f"{_FROM} LEFT JOIN event_reports r ON r.article_pk = e.article_pk AND r.idx = e.idx"
    " WHERE e.article_pk > ? AND r.article_pk IS NULL"
)


def _registered_up_to(conn: sqlite3.Connection) -> int:
    # Each pass registers every pending report, and articles get increasing pks in serialized
    # write transactions: the events of articles up to the highest registered pk are registered.
    return int(conn.execute("SELECT coalesce(max(article_pk), 0) FROM event_reports").fetchone()[0])


def pending_reports(conn: sqlite3.Connection) -> list[Report]:
    """Stored events not yet registered for dedup (new ones, or all of a pre-m004 store)."""
    sql = (
        f"SELECT {_SELECT}, a.content_hash,"
        " substr(a.text, json_extract(e.evidence, '$.sentence[0]') + 1,"
        " json_extract(e.evidence, '$.sentence[1]') - json_extract(e.evidence, '$.sentence[0]'))"
        f"{_PENDING_FROM} ORDER BY e.article_pk, e.idx"
    )
    reports = []
    for row in conn.execute(sql, (_registered_up_to(conn),)):
        key = f"{row[-2][:16]}#{row[len(_EVENT_FIELDS) + 6]}"
        notes = row[-1].strip() if row[-1] else None
        reports.append(_report(row[:-2], key, notes, key))
    return reports


def pending_sources(conn: sqlite3.Connection) -> list[int]:
    """Articles (pks) with an outlet added since their canonical events were written."""
    rows = conn.execute("SELECT DISTINCT article_pk FROM article_sources WHERE pending = 1")
    return [pk for (pk,) in rows]


def pending_count(conn: sqlite3.Connection) -> int:
    """How many reports and added outlets a grouping pass has to take in (0: up to date)."""
    reports = conn.execute(
        f"SELECT count(*){_PENDING_FROM}", (_registered_up_to(conn),)
    ).fetchone()[0]
    return int(reports) + len(pending_sources(conn))


def components_of(conn: sqlite3.Connection, article_pks: Sequence[int]) -> set[str]:
    """The components holding reports of these articles."""
    found: set[str] = set()
    for i in range(0, len(article_pks), _CHUNK):
        chunk = list(article_pks[i : i + _CHUNK])
        sql = (
            "SELECT DISTINCT component FROM event_reports"
            f" WHERE article_pk IN ({', '.join('?' * len(chunk))})"
        )
        found.update(name for (name,) in conn.execute(sql, chunk))
    return found


def sources_listed(conn: sqlite3.Connection, article_pks: Sequence[int]) -> None:
    """Mark the added outlets of these articles as listed by their canonical events."""
    conn.executemany(
        "UPDATE article_sources SET pending = 0 WHERE article_pk = ?", [(pk,) for pk in article_pks]
    )


def _attach_other_outlets(conn: sqlite3.Connection, reports: list[Report]) -> None:
    """Each report's ``extra["also_in"]``: the other outlets of its article's text."""
    pks = sorted({int(r.article) for r in reports})
    outlets: dict[int, list[dict[str, Any]]] = {}
    for i in range(0, len(pks), _CHUNK):
        chunk = pks[i : i + _CHUNK]
        sql = (
            "SELECT article_pk, source, url, published FROM article_sources"
            f" WHERE article_pk IN ({', '.join('?' * len(chunk))}) ORDER BY article_pk, idx"
        )
        for pk, source, url, published in conn.execute(sql, chunk):
            outlets.setdefault(pk, []).append(
                {"source": source, "url": url, "published": published}
            )
    for report in reports:
        report.extra["also_in"] = outlets.get(int(report.article), [])


def register(conn: sqlite3.Connection, reports: Iterable[Report]) -> None:
    """Add reports to ``event_reports``, each its own component until grouping says otherwise."""
    rows = []
    for r in reports:
        lat_cell = math.floor(r.latitude) if r.located and r.latitude is not None else None
        lon_cell = math.floor(r.longitude) if r.located and r.longitude is not None else None
        pk, idx = int(r.article), r.extra["event_index"]
        rows.append(
            (pk, idx, r.key, r.event_type, r.day, lat_cell, lon_cell, r.extra["notes"], r.key)
        )
    conn.executemany(
        "INSERT INTO event_reports (article_pk, idx, key, event_type, day, lat_cell, lon_cell,"
        " notes, component) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


_REPORT_SQL = (
    f"SELECT {_SELECT}, r.key, r.notes, r.component{_FROM}"
    " JOIN event_reports r ON r.article_pk = e.article_pk AND r.idx = e.idx"
)


def _reports(conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> list[Report]:
    rows = conn.execute(f"{_REPORT_SQL} WHERE {where}", params)
    return [_report(row[:-3], row[-3], row[-2], row[-1]) for row in rows]


_CANDIDATE_SQL = (
    "SELECT r.key, r.component, r.article_pk, e.event_type, e.sub_event_type, e.actor1,"
    " e.actor2, r.day, e.time_precision, e.latitude, e.longitude, e.geo_precision"
    " FROM event_reports r JOIN events e ON e.article_pk = r.article_pk AND e.idx = r.idx"
    " WHERE r.event_type = ? AND r.lat_cell BETWEEN ? AND ? AND r.lon_cell BETWEEN ? AND ?"
    " AND r.day BETWEEN ? AND ? AND r.key != ?"
)


def candidates(conn: sqlite3.Connection, report: Report, limits: Thresholds) -> list[Report]:
    """Registered reports that may match ``report`` (same type, near cells, near days), with
    the fields matching reads and their ``component`` in ``extra``."""
    assert report.latitude is not None and report.longitude is not None and report.day
    lat_lo, lat_hi, lon_lo, lon_hi = cell_range(report.latitude, report.longitude, limits.max_km)
    window = limits.max_window
    where = (lat_lo, lat_hi, lon_lo, lon_hi, report.day - window, report.day + window)
    params = (report.event_type, *where, report.key)
    return [
        Report(key, str(pk), kind, sub, a1, a2, day, tp, lat, lon, gp, extra={"component": comp})
        for key, comp, pk, kind, sub, a1, a2, day, tp, lat, lon, gp in conn.execute(
            _CANDIDATE_SQL, params
        )
    ]


def component_members(conn: sqlite3.Connection, components: Iterable[str]) -> list[Report]:
    """Every report of the given components."""
    names = list(components)
    found: list[Report] = []
    for i in range(0, len(names), _CHUNK):
        chunk = names[i : i + _CHUNK]
        found += _reports(conn, f"r.component IN ({', '.join('?' * len(chunk))})", chunk)
    _attach_other_outlets(conn, found)
    return found


def write_component(
    conn: sqlite3.Connection,
    old_components: Iterable[str],
    component: str,
    links: Iterable[tuple[str, str, str]],
    canonical: Iterable[CanonicalRow],
) -> None:
    """Replace the groups of ``old_components`` by one component's ``(key, group, reason)``
    links and its canonical events (kept in ``store.event_index`` too)."""
    old = list(old_components)
    event_index.unindex_components(conn, old)
    for i in range(0, len(old), _CHUNK):
        chunk = old[i : i + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        conn.execute(f"DELETE FROM canonical_events WHERE component IN ({marks})", chunk)
    conn.executemany(
        "UPDATE event_reports SET component = ?, group_id = ?, reason = ? WHERE key = ?",
        [(component, group, reason, key) for key, group, reason in links],
    )
    rows = list(canonical)
    conn.executemany(
        "INSERT INTO canonical_events (group_id, component, event_type, sub_event_type, actor1,"
        " actor2, event_date, time_precision, geonameid, location, n_reports, record, country,"
        " iso) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                row["group_id"],
                component,
                row["event_type"],
                row["sub_event_type"],
                row["actor1"],
                row["actor2"],
                row["event_date"],
                row["time_precision"],
                row["geonameid"],
                row["location"],
                len(row["reports"]),
                json.dumps(row, ensure_ascii=False),
                row.get("country"),
                row.get("iso"),
            )
            for row in rows
        ],
    )
    event_index.index_events(conn, rows)


def iter_canonical(
    conn: sqlite3.Connection,
    *,
    geonameids: Iterable[int] | None = None,
    since: str | None = None,
    until: str | None = None,
    sub_types: Iterable[str] | None = None,
) -> Iterator[CanonicalRow]:
    """Canonical events (records as written), by date then id; optional filters.

    ``geonameids`` matches the canonical place or the place of any of its reports.
    """
    where: list[str] = ["1"]
    params: list[Any] = []
    if geonameids is not None:
        ids = list(geonameids) or [0]
        marks = ", ".join("?" * len(ids))
        where.append(
            f"(c.geonameid IN ({marks}) OR c.group_id IN (SELECT r.group_id FROM event_reports r"
            f" JOIN events e ON e.article_pk = r.article_pk AND e.idx = r.idx"
            f" WHERE e.geonameid IN ({marks})))"
        )
        params += ids + ids
    if since:
        where.append("c.event_date >= ?")
        params.append(since)
    if until:
        where.append("c.event_date <= ?")
        params.append(until)
    if sub_types is not None:
        names = list(sub_types) or [""]
        where.append(f"c.sub_event_type IN ({', '.join('?' * len(names))})")
        params += names
    sql = (
        f"SELECT c.record FROM canonical_events c WHERE {' AND '.join(where)}"
        " ORDER BY c.event_date, c.group_id"
    )
    for (record,) in conn.execute(sql, params):
        yield json.loads(record)


def group_counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """(registered reports, canonical events)."""
    reports = conn.execute("SELECT count(*) FROM event_reports").fetchone()[0]
    groups = conn.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
    return reports, groups


def iter_reports(conn: sqlite3.Connection) -> Iterator[Report]:
    """Every registered report by date, with ``group_id`` and ``reason`` in its ``extra``."""
    sql = (
        f"SELECT {_SELECT}, r.key, r.notes, r.component, r.group_id, r.reason{_FROM}"
        " JOIN event_reports r ON r.article_pk = e.article_pk AND r.idx = e.idx"
        " ORDER BY e.event_date, r.key"
    )
    for row in conn.execute(sql):
        report = _report(row[:-5], row[-5], row[-4], row[-3])
        report.extra.update(group_id=row[-2], reason=row[-1])
        yield report
