"""Routes for places: search by any name the gazetteer knows, one place, its control
timeline, and who controlled each place on a date (GeoJSON), as ``conflictwire timeline`` and
``control`` tell."""

from __future__ import annotations

import io
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from ..control import build_timelines, control_on, territory_sub_types
from ..dedup import Thresholds
from ..dedup.tables import iter_canonical
from ..export import write_control
from ..settings import Settings
from . import lookups, queries
from .errors import ApiError, bad_parameter, not_found
from .gazetteer import places_of
from .params import MAX_TEXT, parse_bbox, parse_day
from .queries import DOWNLOAD_LIMIT, EventFilter
from .reader import reader_of

router = APIRouter(prefix="/api", tags=["places"])
GeonameId = Annotated[int, Path(description="a GeoNames id", ge=-(2**53), le=2**53)]


def _settings(request: Request) -> Settings:
    found: Settings = request.app.state.settings
    return found


@router.get("/places")
def places(
    request: Request,
    q: Annotated[
        str,
        Query(
            description="a place name in any form the gazetteer knows (Palmyra, Tadmur)",
            min_length=1,
            max_length=MAX_TEXT,
        ),
    ],
    limit: Annotated[int, Query(description="places at most", ge=1, le=100)] = 20,
) -> Any:
    """Places a name may refer to, the most populous first: ``{"query", "places":
    [{geonameid, name, feature, country, admin1, latitude, longitude, population, events},
    ...]}`` (``events``: canonical events placed there)."""
    if not q.strip():
        raise bad_parameter("q", "give a place name")
    found = places_of(request).lookup(q.strip())[:limit]
    with reader_of(request).connection() as conn:
        counts = lookups.events_at(conn, [c.geonameid for c in found])
    return {
        "query": q,
        "places": [
            queries.finite({**asdict(c), "events": counts.get(c.geonameid, 0)}) for c in found
        ],
    }


def _place(request: Request, geonameid: int) -> dict[str, Any] | None:
    """The place as the gazetteer knows it, else as the events placed there name it."""
    try:
        candidate = places_of(request).get(geonameid)
    except ApiError as exc:
        if exc.status != 503:
            raise
        candidate = None  # no gazetteer: the events still name their places
    with reader_of(request).connection() as conn:
        events = lookups.events_at(conn, [geonameid]).get(geonameid, 0)
        if candidate is not None:
            return queries.finite({**asdict(candidate), "events": events})
        named = lookups.place_of_events(conn, geonameid)
    return {**named, "events": events} if named else None


@router.get("/places/{geonameid}")
def place(request: Request, geonameid: GeonameId) -> Any:
    """One place: the gazetteer's entry (or, for a place it lacks, what the events placed there
    say of it) and ``events``, how many canonical events are placed there."""
    found = _place(request, geonameid)
    if found is None:
        raise not_found(f"no place with geonameid {geonameid}")
    return found


@router.get("/places/{geonameid}/timeline")
def timeline(request: Request, geonameid: GeonameId) -> Any:
    """Who controlled the place when (``conflictwire timeline``): ``{"geonameid", "timelines":
    [{place, ..., "changes": [{date, controller, previous, sub_event_type, event_id, sources,
    status, disputed, notes, said, ...}]}]}``, empty when no control change is recorded;
    ``said``: who claims, denies or disputes the change's event (``[{speaker, speaker_type,
    stance}]``)."""
    thresholds = Thresholds.from_settings(_settings(request))
    with reader_of(request).connection() as conn:
        found = list(iter_canonical(conn, geonameids=[geonameid], sub_types=territory_sub_types()))
        timelines = [t.to_dict() for t in build_timelines(found, thresholds)]
        for change in (c for t in timelines for c in t["changes"]):
            event_id = change.get("event_id")
            change["said"] = lookups.stances(conn, event_id) if event_id else []
    if not found and _place(request, geonameid) is None:
        raise not_found(f"no place with geonameid {geonameid}")
    return {"geonameid": geonameid, "timelines": timelines}


@router.get("/control", response_class=Response)
def control(
    request: Request,
    day: Annotated[str, Query(alias="date", description="the day (YYYY-MM-DD)", max_length=40)],
    geonameid: Annotated[
        int | None, Query(description="only this place", ge=-(2**53), le=2**53)
    ] = None,
    bbox: Annotated[
        str | None, Query(description="minlon,minlat,maxlon,maxlat", max_length=MAX_TEXT)
    ] = None,
) -> Response:
    """Who controlled each place with recorded control changes on ``date``, as GeoJSON points
    (``conflictwire control -f geojson``): the latest change on or before it (``controller``
    null: unknown, before the first)."""
    when = parse_day("date", day)
    if when is None:
        raise bad_parameter("date", "give a day like 2024-05-01")
    f = EventFilter(
        bbox=parse_bbox(bbox),
        sub_event_types=tuple(sorted(territory_sub_types())),
        geonameid=geonameid,
    )
    with reader_of(request).connection() as conn:
        found = queries.records(conn, f, limit=DOWNLOAD_LIMIT + 1, newest_first=False)
    if len(found) > DOWNLOAD_LIMIT:
        raise bad_parameter(
            "bbox", f"over {DOWNLOAD_LIMIT:,} territory events; give a smaller box or a place"
        )
    states = control_on(build_timelines(found, Thresholds.from_settings(_settings(request))), when)
    stream = io.StringIO()
    write_control(states, when, "geojson", stream)
    return Response(stream.getvalue(), media_type="application/geo+json")
