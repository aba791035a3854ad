"""Control timelines as JSON or CSV, and control on a date as JSON or GeoJSON points."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any, TextIO

from conflictwire.control.timeline import (
    PRECISION_LABELS,
    Change,
    Timeline,
    shown_date,
)

TIMELINE_COLUMNS = (
    "place",
    "geonameid",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "date",
    "precision",
    "precision_label",
    "controller",
    "controller_type",
    "previous",
    "sub_event_type",
    "event_id",
    "sources",
    "reports",
    "status",
    "disputed",
    "notes",
)


def change_dict(change: Change) -> dict[str, Any]:
    data = asdict(change)
    data["precision_label"] = PRECISION_LABELS.get(change.precision or 0)
    data["shown"] = shown_date(change.date, change.precision)
    return data


def timeline_dict(timeline: Timeline) -> dict[str, Any]:
    return {**timeline.place_dict(), "changes": [change_dict(c) for c in timeline.changes]}


def write_timeline_json(timelines: Iterable[Timeline], stream: TextIO) -> int:
    data = [timeline_dict(t) for t in timelines]
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
    return sum(len(t["changes"]) for t in data)


def timeline_rows(timelines: Iterable[Timeline]) -> list[dict[str, Any]]:
    """One flat row per change (lists ``; ``-joined), in :data:`TIMELINE_COLUMNS` order."""
    rows = []
    for timeline in timelines:
        for change in timeline.changes:
            data = {**timeline.place_dict(), **change_dict(change)}
            data["sources"] = "; ".join(change.sources)
            data["notes"] = "; ".join(change.notes)
            rows.append({name: data[name] for name in TIMELINE_COLUMNS})
    return rows


def write_timeline_csv(timelines: Iterable[Timeline], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=TIMELINE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = timeline_rows(timelines)
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return len(rows)


def control_dict(timeline: Timeline, change: Change | None, day: str) -> dict[str, Any]:
    """A place's control on ``day``: controller ``None`` (unknown) before its first change."""
    return {
        **timeline.place_dict(),
        "date": day,
        "controller": change.controller if change else None,
        "controller_type": change.controller_type if change else None,
        "since": change.date if change else None,
        "precision": change.precision if change else None,
        "sources": "; ".join(change.sources) if change else None,
        "event_id": change.event_id if change else None,
        "disputed": change.disputed if change else False,
        "notes": "; ".join(change.notes) if change else None,
    }


def write_control_json(
    states: Iterable[tuple[Timeline, Change | None]], day: str, stream: TextIO
) -> int:
    data = [control_dict(t, c, day) for t, c in states]
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
    return len(data)


def control_features(states: Iterable[tuple[Timeline, Change | None]], day: str) -> dict[str, Any]:
    """One point Feature per place with coordinates (RFC 7946, ``[lon, lat]``)."""
    features = []
    for timeline, change in states:
        if timeline.latitude is None or timeline.longitude is None:
            continue
        props = control_dict(timeline, change, day)
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [timeline.longitude, timeline.latitude],
                },
                "properties": {
                    k: v for k, v in props.items() if k not in ("latitude", "longitude")
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_control_geojson(
    states: Iterable[tuple[Timeline, Change | None]], day: str, stream: TextIO
) -> int:
    collection = control_features(states, day)
    json.dump(collection, stream, ensure_ascii=False, allow_nan=False)
    stream.write("\n")
    return len(collection["features"])
