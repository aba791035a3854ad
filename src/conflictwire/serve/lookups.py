"""Everything but pages of events, as SQL with bound parameters only: one event with its reports
and their articles, articles, quotes and speakers, and how many events each place has.

Offsets in texts (evidence spans, quotes, places) count Unicode code points from the start of
the article's text, as the records store them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from ..store import ITEM_COLUMNS
from .queries import MAX_REPORTS, finite, fts_query

_EVENT_COLUMNS = tuple(c for c in ITEM_COLUMNS["events"] if c != "evidence")
_ARTICLE_FIELDS = ("id", "title", "url", "source", "published", "language")


def _evidence(text: str | None) -> dict[str, list[int] | None]:
    return json.loads(text) if text else {}


def event(conn: sqlite3.Connection, group_id: str) -> dict[str, Any] | None:
    """A canonical event's record with, for each report, what the stored event says, the
    evidence spans it was read from and the article (its text included); ``None`` if unknown."""
    row = conn.execute(
        "SELECT record FROM canonical_events WHERE group_id = ?", (group_id,)
    ).fetchone()
    if row is None:
        return None
    record = json.loads(row[0])
    columns = ", ".join(f'e."{c}"' for c in _EVENT_COLUMNS)
    sql = (
        f"SELECT r.key, e.evidence, {columns}, a.id, a.title, a.url, a.source, a.published,"
        " a.language, a.text FROM event_reports r"
        " JOIN events e ON e.article_pk = r.article_pk AND e.idx = r.idx"
        " JOIN articles a ON a.pk = r.article_pk WHERE r.group_id = ? ORDER BY r.key LIMIT ?"
    )
    stored: dict[str, dict[str, Any]] = {}
    n = len(_EVENT_COLUMNS)
    for found in conn.execute(sql, (group_id, MAX_REPORTS)):
        fields = dict(zip(_EVENT_COLUMNS, found[2 : 2 + n], strict=True))
        fields["civilian_targeting"] = bool(fields["civilian_targeting"])
        article = dict(zip((*_ARTICLE_FIELDS, "text"), found[2 + n :], strict=True))
        stored[found[0]] = {
            "event": fields,
            "evidence": _evidence(found[1]),
            "article": article,
        }
    said = _quotes_about(conn, group_id)
    reports = []
    for entry in record.get("reports", [])[:MAX_REPORTS]:
        key = entry.get("key")
        reports.append({**entry, **stored.get(key, {}), "quotes": said.get(key, [])})
    record["reports"] = reports
    return finite({"id": record["group_id"], **record})


def stances(conn: sqlite3.Connection, group_id: str) -> list[dict[str, Any]]:
    """Who claims, denies or disputes the event: ``[{speaker, speaker_type, stance}]``, each
    once, in the reports' order (quotations without a stance or a speaker left out)."""
    found: dict[tuple[Any, Any], dict[str, Any]] = {}
    for said in _quotes_about(conn, group_id).values():
        for q in said:
            if q["stance"] and q["speaker"]:
                found.setdefault(
                    (q["speaker"], q["stance"]),
                    {k: q[k] for k in ("speaker", "speaker_type", "stance")},
                )
    return list(found.values())


def _quotes_about(conn: sqlite3.Connection, group_id: str) -> dict[str, list[dict[str, Any]]]:
    """The quotations each report of the event links to it (with the speaker's ``stance``:
    claims, denies, disputes), by report key, in the article's order."""
    columns = ", ".join(f'k."{c}"' for c in _QUOTE_FIELDS)
    sql = (
        f"SELECT r.key, {columns} FROM event_reports r JOIN quotes k"
        " ON k.article_pk = r.article_pk AND k.event_index = r.idx"
        " WHERE r.group_id = ? ORDER BY r.key, k.idx LIMIT ?"
    )
    found: dict[str, list[dict[str, Any]]] = {}
    for row in conn.execute(sql, (group_id, MAX_REPORTS * 20)):
        item = dict(zip(_QUOTE_FIELDS, row[1:], strict=True))
        item["direct"] = bool(item["direct"])
        found.setdefault(row[0], []).append(item)
    return found


def _article_filter(
    q: str | None, source: str | None, since: str | None, until: str | None
) -> tuple[str, list[Any]]:
    where, params = [], []
    if q:
        where.append("a.pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(fts_query(q))
    if source:
        where.append("a.source = ? COLLATE NOCASE")
        params.append(source)
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("substr(a.published, 1, 10) <= ?")
        params.append(until)
    return " AND ".join(where) or "1", params


def articles(
    conn: sqlite3.Connection,
    *,
    q: str | None,
    source: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    offset: int,
    newest_first: bool,
) -> tuple[int, list[dict[str, Any]]]:
    """``(total, page)``: stored articles (without their text), most recently stored first."""
    where, params = _article_filter(q, source, since, until)
    total = conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0]
    way = "DESC" if newest_first else "ASC"
    sql = (
        "SELECT a.id, a.title, a.url, a.source, a.published, a.language,"
        " (SELECT count(*) FROM events e WHERE e.article_pk = a.pk),"
        " (SELECT count(*) FROM quotes k WHERE k.article_pk = a.pk)"
        f" FROM articles a WHERE {where} ORDER BY a.pk {way} LIMIT ? OFFSET ?"
    )
    page = [
        {**dict(zip(_ARTICLE_FIELDS, row[:6], strict=True)), "events": row[6], "quotes": row[7]}
        for row in conn.execute(sql, [*params, limit, offset])
    ]
    return int(total), page


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """A stored article's record (docs/SCHEMA.md) with its author, the other outlets that
    published its text and, for each of its events, the canonical event it is part of."""
    row = conn.execute(
        "SELECT pk, record, author FROM articles WHERE id = ? ORDER BY pk LIMIT 1", (article_id,)
    ).fetchone()
    if row is None:
        return None
    pk, text, author = row
    record = json.loads(text)
    record["author"] = author
    record["also_in"] = [
        {"source": s, "url": u, "published": p, "title": t}
        for s, u, p, t in conn.execute(
            "SELECT source, url, published, title FROM article_sources WHERE article_pk = ?"
            " ORDER BY idx",
            (pk,),
        )
    ]
    groups = dict(
        conn.execute("SELECT idx, group_id FROM event_reports WHERE article_pk = ?", (pk,))
    )
    for index, item in enumerate(record.get("events", [])):
        item["event_id"] = groups.get(index)
    return finite(record)


_QUOTE_FIELDS = (
    "quote",
    "direct",
    "speaker",
    "speaker_type",
    "speaker_title",
    "speaker_affiliation",
    "cue",
    "stance",
    "start",
    "end",
    "event_index",
)


def quotes(
    conn: sqlite3.Connection,
    *,
    speaker: str | None,
    q: str | None,
    limit: int,
    offset: int,
) -> tuple[int, list[dict[str, Any]]]:
    """``(total, page)``: quotations by ``speaker`` (any case) and/or containing ``q``, the
    latest articles first; each with its article, the canonical event it is about and the
    speaker's stance toward it."""
    where, params = [], []
    if speaker:
        where.append("k.speaker = ? COLLATE NOCASE")
        params.append(speaker)
    if q:
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("k.quote LIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    condition = " AND ".join(where) or "1"
    total = conn.execute(f"SELECT count(*) FROM quotes k WHERE {condition}", params).fetchone()[0]
    columns = ", ".join(f'k."{c}"' for c in _QUOTE_FIELDS)
    sql = (
        f"SELECT {columns}, a.id, a.title, a.url, a.source, a.published, r.group_id"
        " FROM quotes k JOIN articles a ON a.pk = k.article_pk"
        " LEFT JOIN event_reports r ON r.article_pk = k.article_pk AND r.idx = k.event_index"
        f" WHERE {condition} ORDER BY a.published DESC, a.pk DESC, k.idx LIMIT ? OFFSET ?"
    )
    page = []
    n = len(_QUOTE_FIELDS)
    for row in conn.execute(sql, [*params, limit, offset]):
        item = dict(zip(_QUOTE_FIELDS, row[:n], strict=True))
        item["direct"] = bool(item["direct"])
        item["article"] = dict(zip(_ARTICLE_FIELDS[:5], row[n : n + 5], strict=True))
        item["event_id"] = row[n + 5]
        page.append(item)
    return int(total), page


def speakers(
    conn: sqlite3.Connection, *, q: str | None, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """``(total, page)``: speakers (names compared in any case) by number of quotations."""
    where, params = ["k.speaker IS NOT NULL"], []
    if q:
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("k.speaker LIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    condition = " AND ".join(where)
    grouped = (
        "SELECT min(k.speaker) AS speaker, count(*) AS n, count(DISTINCT k.article_pk) AS arts,"
        " max(k.speaker_affiliation) AS affiliation"
        f" FROM quotes k WHERE {condition} GROUP BY k.speaker COLLATE NOCASE"
    )
    total = conn.execute(f"SELECT count(*) FROM ({grouped})", params).fetchone()[0]
    sql = f"{grouped} ORDER BY n DESC, speaker LIMIT ? OFFSET ?"
    page = [
        {"speaker": s, "quotes": n, "articles": arts, "affiliation": affiliation}
        for s, n, arts, affiliation in conn.execute(sql, [*params, limit, offset])
    ]
    return int(total), page


def events_at(conn: sqlite3.Connection, geonameids: Sequence[int]) -> dict[int, int]:
    """How many canonical events are placed at each of these places."""
    ids = list(geonameids)
    if not ids:
        return {}
    sql = (
        "SELECT geonameid, count(*) FROM canonical_events"
        f" WHERE geonameid IN ({', '.join('?' * len(ids))}) GROUP BY geonameid"
    )
    return {int(g): int(n) for g, n in conn.execute(sql, ids)}


def place_of_events(conn: sqlite3.Connection, geonameid: int) -> dict[str, Any] | None:
    """A place as the events placed there name it (for a place the gazetteer does not know)."""
    row = conn.execute(
        "SELECT record FROM canonical_events WHERE geonameid = ? LIMIT 1", (geonameid,)
    ).fetchone()
    if row is None:
        return None
    record = json.loads(row[0])
    fields = ("location", "admin1", "admin2", "country", "iso", "latitude", "longitude")
    return finite({"geonameid": geonameid, **{k: record.get(k) for k in fields}})
