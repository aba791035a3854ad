"""Query parameters shared by the routes, checked here: a bad value is a 422 naming it.

``bbox`` is ``minlon,minlat,maxlon,maxlat`` in degrees (values beyond the world's edges are
clipped to them, as a map zoomed out sends them); dates are ISO 8601 days (``2024-05-01``,
read by the CLI's own parser); event types and sub-types are ACLED's names in any case, and may
be repeated (``event_type=Battles&event_type=Riots``: either).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal

from fastapi import Query

from ..ontology import ontology
from ..settings import iso_day
from .errors import bad_parameter
from .queries import Box, EventFilter

MAX_PAGE = 1000
DEFAULT_PAGE = 100
MAX_OFFSET = 10_000_000
MAX_TEXT = 200  # characters of a name or a search
MAX_ZOOM = 18
_ID_RANGE = 2**53


def parse_bbox(value: str | None) -> Box | None:
    if value is None or not value.strip():
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise bad_parameter(
            "bbox", f"give four numbers minlon,minlat,maxlon,maxlat, not {len(parts)}"
        )
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise bad_parameter("bbox", f"{value[:80]!r} is not four numbers") from None
    if not all(math.isfinite(n) for n in numbers):
        raise bad_parameter("bbox", "the numbers must be finite")
    minlon, minlat, maxlon, maxlat = numbers
    if minlat > maxlat:
        raise bad_parameter("bbox", f"minlat {minlat} is north of maxlat {maxlat}")
    if minlon > maxlon:
        raise bad_parameter(
            "bbox",
            f"minlon {minlon} is east of maxlon {maxlon}; split a box across the 180th "
            "meridian in two",
        )
    return Box(max(minlon, -180.0), max(minlat, -90.0), min(maxlon, 180.0), min(maxlat, 90.0))


def parse_day(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return iso_day(value.strip())
    except ValueError as exc:
        raise bad_parameter(name, str(exc)) from None


@cache
def _type_names() -> tuple[dict[str, str], dict[str, str]]:
    """Event types and sub-types by their lowercased names."""
    subs = ontology().sub_types
    return (
        {s.event_type.lower(): s.event_type for s in subs.values()},
        {name.lower(): name for name in subs},
    )


def _names(name: str, values: list[str] | None, known: dict[str, str]) -> tuple[str, ...]:
    found = []
    for value in values or []:
        if not value.strip():
            continue
        if value.strip().lower() not in known:
            choices = ", ".join(sorted(known.values()))
            raise bad_parameter(name, f"unknown value {value[:80]!r}; known: {choices}")
        found.append(known[value.strip().lower()])
    return tuple(dict.fromkeys(found))


def text_or_none(value: str | None) -> str | None:
    """A text parameter without its outer spaces; blank is none."""
    return value.strip() if value and value.strip() else None


Text = Annotated[str | None, Query(max_length=MAX_TEXT)]


def event_filter(
    bbox: Annotated[
        str | None,
        Query(description="minlon,minlat,maxlon,maxlat in degrees", max_length=MAX_TEXT),
    ] = None,
    since: Annotated[
        str | None, Query(description="events on or after this day (YYYY-MM-DD)", max_length=40)
    ] = None,
    until: Annotated[
        str | None, Query(description="events on or before this day (YYYY-MM-DD)", max_length=40)
    ] = None,
    event_type: Annotated[
        list[str] | None, Query(description="ACLED event type; repeat for either of several")
    ] = None,
    sub_event_type: Annotated[
        list[str] | None, Query(description="ACLED sub-event type; repeat for either of several")
    ] = None,
    actor: Annotated[
        str | None, Query(description="part of actor1's or actor2's name", max_length=MAX_TEXT)
    ] = None,
    place: Annotated[
        str | None, Query(description="the event's location name, any case", max_length=MAX_TEXT)
    ] = None,
    country: Annotated[
        str | None, Query(description="country name or ISO alpha-2 code", max_length=MAX_TEXT)
    ] = None,
    geonameid: Annotated[
        int | None,
        Query(description="the event's place or a report's", ge=-_ID_RANGE, le=_ID_RANGE),
    ] = None,
    q: Annotated[
        str | None,
        Query(description="words all found in a report's article (title or text)", max_length=500),
    ] = None,
) -> EventFilter:
    """The event filters every event route takes (a FastAPI dependency)."""
    first, last = parse_day("since", since), parse_day("until", until)
    if first and last and first > last:
        raise bad_parameter("until", f"{last} is before since {first}")
    types, sub_types = _type_names()
    return EventFilter(
        bbox=parse_bbox(bbox),
        since=first,
        until=last,
        event_types=_names("event_type", event_type, types),
        sub_event_types=_names("sub_event_type", sub_event_type, sub_types),
        actor=text_or_none(actor),
        place=text_or_none(place),
        country=text_or_none(country),
        geonameid=geonameid,
        q=text_or_none(q),
    )


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    def envelope(self, total: int, key: str, found: list[Any]) -> dict[str, Any]:
        """A page's answer: ``{"total", "limit", "offset", "next_offset", key: found}``."""
        end = self.offset + len(found)
        return {
            "total": total,
            "limit": self.limit,
            "offset": self.offset,
            "next_offset": end if end < total else None,
            key: found,
        }


def page(
    limit: Annotated[
        int, Query(description=f"results per page, at most {MAX_PAGE}", ge=1, le=MAX_PAGE)
    ] = DEFAULT_PAGE,
    offset: Annotated[int, Query(description="results to skip", ge=0, le=MAX_OFFSET)] = 0,
) -> Page:
    """``limit`` and ``offset`` (a FastAPI dependency)."""
    return Page(limit, offset)


Zoom = Annotated[
    int | None,
    Query(
        description="map zoom (0: the world in 32 cells across); default: from the bbox's width",
        ge=0,
        le=MAX_ZOOM,
    ),
]
Mode = Annotated[
    Literal["auto", "points", "cells"],
    Query(
        description="auto: cells when more than 5000 events match, else points; points: "
        "always a page of events; cells: always aggregated"
    ),
]
Order = Annotated[
    Literal["newest", "oldest"], Query(description="by date then id: newest or oldest first")
]
