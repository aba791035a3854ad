"""Canonical events (records as dedup writes them) in the output formats.

The formats are the articles' (:data:`~conflictwire.export.articles.FORMATS`): jsonl (the
records), acled-csv and parquet (ACLED rows with the canonical event's ``source`` (all outlets),
``source_scale`` and ``notes`` (the seed's sentence); ``event_id_cnty`` is stable for the group,
``article_id`` is the group id), geojson (points; the reports become ``reports``, a count, and
``report_ids``, a JSON string of article ids).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from conflictwire.export.acled import EventSource, Origin, write_acled_csv
from conflictwire.export.formats import write_jsonl
from conflictwire.export.geojson import Feature, point_feature, write_feature_collection
from conflictwire.export.output import Output, write_output
from conflictwire.export.parquet import write_acled_parquet

CanonicalRecord = dict[str, Any]


def canonical_events(records: Iterable[CanonicalRecord]) -> Iterator[EventSource]:
    """Each canonical event with its origin: the group, all its outlets, the seed's sentence."""
    for record in records:
        notes = record.get("notes")
        origin = Origin(
            key=record["group_id"],
            index=0,
            source=record.get("source"),
            notes=notes.strip() if notes else None,
            source_scale=record.get("source_scale"),
        )
        yield origin, record


def canonical_features(records: Iterable[CanonicalRecord]) -> Iterator[Feature | None]:
    for record in records:
        props = {k: v for k, v in record.items() if k != "reports"}
        props["reports"] = len(record.get("reports", []))
        props["report_ids"] = json.dumps([r["article_id"] for r in record.get("reports", [])])
        yield point_feature(record.get("latitude"), record.get("longitude"), props)


def write_canonical(
    records: Iterable[CanonicalRecord], fmt: str, out: Output, *, timestamp: int | None = None
) -> int:
    """Write canonical events as ``fmt`` to ``out``; returns the number of records written.

    ``timestamp`` fills ACLED's ``timestamp`` column (acled-csv, parquet); default: now.
    """
    return write_output(
        fmt,
        out,
        {
            "jsonl": lambda stream: write_jsonl(records, stream),
            "acled-csv": lambda stream: write_acled_csv(
                canonical_events(records), stream, timestamp
            ),
            "geojson": lambda stream: write_feature_collection(canonical_features(records), stream),
        },
        parquet=lambda path: write_acled_parquet(canonical_events(records), path, timestamp),
    )
