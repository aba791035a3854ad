"""Canonical events in the output formats: JSONL records, ACLED CSV/Parquet rows, GeoJSON points.

ACLED rows come from the same :func:`~conflictwire.export.acled.acled_row` as single-article
events, with the canonical event's ``source`` (all outlets), ``source_scale`` and ``notes`` (the
seed's sentence); ``event_id_cnty`` is stable for the group. GeoJSON properties are flat: the
reports become ``reports`` (a count) and ``report_ids`` (a JSON string of article ids).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any, TextIO

from conflictwire.export.acled import ACLED_COLUMNS, acled_row
from conflictwire.export.parquet import PARQUET_SCHEMA
from conflictwire.models import Article, Event, Evidence

_EVENT_NAMES = {f.name for f in fields(Event)} - {"evidence"}


def canonical_acled_row(record: dict[str, Any], timestamp: int | None = None) -> dict[str, Any]:
    """One canonical event as a dict keyed by :data:`ACLED_COLUMNS`."""
    notes = record.get("notes") or ""
    event = Event(**{k: v for k, v in record.items() if k in _EVENT_NAMES})
    event.evidence = Evidence(sentence=(0, len(notes)) if notes else None)
    article = Article(text=notes, id=record["group_id"], source=record.get("source"))
    row = acled_row(article, 0, event, timestamp)
    row["source_scale"] = record.get("source_scale")
    return row


def _features(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for record in records:
        lat, lon = record.get("latitude"), record.get("longitude")
        if lat is None or lon is None:
            continue
        props = {k: v for k, v in record.items() if k != "reports"}
        props["reports"] = len(record.get("reports", []))
        props["report_ids"] = json.dumps([r["article_id"] for r in record.get("reports", [])])
        out.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }
        )
    return out


def _write_text(records: list[dict[str, Any]], fmt: str, stream: TextIO, stamp: int) -> int:
    if fmt == "jsonl":
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        return len(records)
    if fmt == "acled-csv":
        writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            row = canonical_acled_row(record, stamp)
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
        return len(records)
    features = _features(records)
    json.dump({"type": "FeatureCollection", "features": features}, stream, ensure_ascii=False)
    stream.write("\n")
    return len(features)


def _write_parquet(records: list[dict[str, Any]], path: str | Path, stamp: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list[Any]] = {name: [] for name in PARQUET_SCHEMA.names}
    for record in records:
        row = canonical_acled_row(record, stamp)
        day = row["event_date"]
        row["event_date"] = dt.date.fromisoformat(day) if day else None
        row["article_id"] = record["group_id"]
        for name, values in columns.items():
            values.append(row[name])
    table = pa.Table.from_pydict(columns, schema=PARQUET_SCHEMA)
    pq.write_table(table, str(path))
    return table.num_rows


def write_canonical(
    records: Iterable[dict[str, Any]], fmt: str, out: str | Path | None, stamp: int
) -> int:
    """Write canonical events as ``fmt`` (jsonl, acled-csv, geojson, parquet) to ``out``."""
    items = list(records)
    if fmt == "parquet":
        if out is None or str(out) == "-":
            raise ValueError("parquet is binary: give a file, e.g. -o events.parquet")
        return _write_parquet(items, out, stamp)
    if out is None or str(out) == "-":
        return _write_text(items, fmt, sys.stdout, stamp)
    with open(out, "w", encoding="utf-8", newline="") as stream:
        return _write_text(items, fmt, stream, stamp)
