"""Control timelines as JSON or CSV, and control on a date as JSON or GeoJSON points.

JSON holds the records (:meth:`Timeline.to_dict`, :meth:`Timeline.control_record`); CSV has one
flat row per change in :data:`TIMELINE_COLUMNS` order (lists ``; ``-joined); GeoJSON one point
per place with coordinates, its control record (less the coordinates) as properties.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

from conflictwire.control import Change, Timeline
from conflictwire.export.formats import write_csv, write_json
from conflictwire.export.geojson import Feature, point_feature, write_feature_collection
from conflictwire.export.output import Output, write_output

TIMELINE_FORMATS = ("json", "csv")
CONTROL_FORMATS = ("geojson", "json")
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
ControlStates = Sequence[tuple[Timeline, Change | None]]  # each place and its change in force


def timeline_rows(timelines: Iterable[Timeline]) -> Iterator[dict[str, Any]]:
    """One flat row per change (lists ``; ``-joined), in :data:`TIMELINE_COLUMNS` order."""
    for timeline in timelines:
        for change in timeline.changes:
            data = {**timeline.place_dict(), **change.to_dict()}
            data["sources"] = "; ".join(change.sources)
            data["notes"] = "; ".join(change.notes)
            yield {name: data[name] for name in TIMELINE_COLUMNS}


def _timelines_json(timelines: Iterable[Timeline], stream: TextIO) -> int:
    data = [t.to_dict() for t in timelines]
    write_json(data, stream)
    return sum(len(t["changes"]) for t in data)


def write_timelines(timelines: Iterable[Timeline], fmt: str, out: Output) -> int:
    """Write timelines as ``fmt`` (json, csv) to ``out``; returns the number of changes."""
    return write_output(
        fmt,
        out,
        {
            "json": lambda stream: _timelines_json(timelines, stream),
            "csv": lambda stream: write_csv(timeline_rows(timelines), TIMELINE_COLUMNS, stream),
        },
    )


def control_features(states: ControlStates, day: str) -> Iterator[Feature | None]:
    """A point per place (``None`` for a place without coordinates)."""
    for timeline, change in states:
        props = timeline.control_record(change, day)
        del props["latitude"], props["longitude"]
        yield point_feature(timeline.latitude, timeline.longitude, props)


def _control_json(states: ControlStates, day: str, stream: TextIO) -> int:
    data = [timeline.control_record(change, day) for timeline, change in states]
    write_json(data, stream)
    return len(data)


def write_control(states: ControlStates, day: str, fmt: str, out: Output) -> int:
    """Write each place's control on ``day`` as ``fmt`` (geojson, json) to ``out``; returns the
    number of places written."""
    return write_output(
        fmt,
        out,
        {
            "geojson": lambda stream: write_feature_collection(
                control_features(states, day), stream
            ),
            "json": lambda stream: _control_json(states, day, stream),
        },
    )
