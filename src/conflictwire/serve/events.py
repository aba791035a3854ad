"""Routes for canonical events: pages (or grid cells), one event with its evidence, a time
histogram, and the same filters as ACLED CSV and GeoJSON downloads."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from ..export import write_canonical
from . import lookups, queries
from .errors import bad_parameter, not_found
from .params import Mode, Order, Page, Zoom, event_filter, page
from .queries import AGGREGATE_ABOVE, DOWNLOAD_LIMIT, EventFilter, TooManyCells
from .reader import reader_of

router = APIRouter(prefix="/api", tags=["events"])
Filter = Annotated[EventFilter, Depends(event_filter)]


def _cells(conn: Any, f: EventFilter, zoom: int | None) -> dict[str, Any]:
    level = queries.default_zoom(f.bbox or queries.WORLD) if zoom is None else zoom
    try:
        return queries.aggregate(conn, f, level)
    except TooManyCells as exc:
        raise bad_parameter("zoom", str(exc)) from None


@router.get("/events")
def events(
    request: Request,
    f: Filter,
    paging: Annotated[Page, Depends(page)],
    mode: Mode = "auto",
    zoom: Zoom = None,
    order: Order = "newest",
) -> Any:
    """Canonical events matching the filters, a page at a time, newest first: ``{"aggregated":
    false, "total", "limit", "offset", "next_offset", "events": [...]}``. With ``mode=auto``
    (the default) more than 5000 matching events are answered as grid cells instead, as
    ``/api/events/aggregate`` answers (``"aggregated": true``); ``mode=points`` always pages."""
    with reader_of(request).connection() as conn:
        if mode == "cells":
            return _cells(conn, f, zoom)
        total = None
        if mode == "auto":
            total = queries.count(conn, f, cap=AGGREGATE_ABOVE)
            if total > AGGREGATE_ABOVE:
                return _cells(conn, f, zoom)
        if total is None:
            total = queries.count(conn, f)
        found = queries.records(
            conn, f, limit=paging.limit, offset=paging.offset, newest_first=order == "newest"
        )
    return {
        "aggregated": False,
        **paging.envelope(total, "events", [queries.summary(r) for r in found]),
    }


@router.get("/events/aggregate")
def aggregate(request: Request, f: Filter, zoom: Zoom = None) -> Any:
    """Located events matching the filters counted per grid cell of ``zoom`` (cells
    ``cell_degrees`` wide, counted from -180/-90): the cells overlapping ``bbox`` (default: the
    world), each with all its events: ``count``, ``by_type``, ``bounds`` and ``center`` (the
    mean point of its events)."""
    with reader_of(request).connection() as conn:
        return _cells(conn, f, zoom)


Interval = Literal["day", "week", "month", "year"]


def _bucket(day: date, interval: Interval) -> date:
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    if interval == "year":
        return day.replace(month=1, day=1)
    return day


@router.get("/events/histogram")
def histogram(
    request: Request,
    f: Filter,
    interval: Annotated[Interval, Query(description="bucket size (weeks start on Monday)")] = (
        "month"
    ),
) -> Any:
    """How many dated events match the filters per day, week, month or year: ``{"interval",
    "buckets": [{"start": "2024-05-01", "count": 12}, ...]}``, oldest first, empty buckets left
    out."""
    with reader_of(request).connection() as conn:
        per_day = queries.per_day(conn, f)
    buckets: dict[date, int] = {}
    for day, n in per_day:
        start = _bucket(day, interval)
        buckets[start] = buckets.get(start, 0) + n
    return {
        "interval": interval,
        "buckets": [{"start": d.isoformat(), "count": n} for d, n in sorted(buckets.items())],
    }


@router.get("/events/{event_id}")
def event(
    request: Request, event_id: Annotated[str, Path(max_length=64, description="group id")]
) -> Any:
    """One canonical event: its record, and each report with the stored event, the
    ``evidence`` spans it was read from (``[start, end]`` in the article's text, by field) and
    its ``article`` (id, title, url, source, published, language, text), and the ``quotes``
    it links to the event, each with the speaker's ``stance`` (claims, denies, disputes)."""
    with reader_of(request).connection() as conn:
        found = lookups.event(conn, event_id)
    if found is None:
        raise not_found(f"no event with id {event_id!r}")
    return found


def _download(
    request: Request, f: EventFilter, order: str, fmt: str, media_type: str, name: str
) -> Response:
    with reader_of(request).connection() as conn:
        total = queries.count(conn, f, cap=DOWNLOAD_LIMIT)
        found = queries.records(conn, f, limit=DOWNLOAD_LIMIT, newest_first=order == "newest")
    stream = io.StringIO()
    write_canonical(found, fmt, stream)
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Total-Count": str(min(total, DOWNLOAD_LIMIT)),
        "X-Truncated": "true" if total > DOWNLOAD_LIMIT else "false",
    }
    return Response(stream.getvalue(), media_type=media_type, headers=headers)


@router.get("/events.csv", response_class=Response)
def events_csv(request: Request, f: Filter, order: Order = "newest") -> Response:
    """The matching events as ACLED CSV (``conflictwire events -f acled-csv``), at most
    100,000 rows (``X-Truncated: true`` when more matched)."""
    return _download(request, f, order, "acled-csv", "text/csv; charset=utf-8", "events.csv")


@router.get("/events.geojson", response_class=Response)
def events_geojson(request: Request, f: Filter, order: Order = "newest") -> Response:
    """The matching located events as GeoJSON points (``conflictwire events -f geojson``), at
    most 100,000 (``X-Truncated: true`` when more matched)."""
    return _download(request, f, order, "geojson", "application/geo+json", "events.geojson")
