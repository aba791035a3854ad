"""Article records in the output formats.

What one "record" is depends on the format: an article (jsonl, the schema record), an event row
(acled-csv, parquet), a point feature (geojson: events and places with coordinates). GeoJSON
properties are flat scalars: an event's evidence becomes ``notes`` (its sentence) and
``evidence`` (the spans as a JSON string); every feature has ``kind`` ("event" or "place"),
``index`` (its position in the article's list) and the article's ``article_id``,
``article_title`` and ``article_url``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any

from conflictwire.export.acled import article_events, notes, write_acled_csv
from conflictwire.export.formats import write_jsonl
from conflictwire.export.geojson import Feature, point_feature, write_feature_collection
from conflictwire.export.output import Output, write_output
from conflictwire.export.parquet import write_acled_parquet
from conflictwire.models import Article, Event

FORMATS = ("jsonl", "acled-csv", "geojson", "parquet")


def _article_properties(article: Article, kind: str, index: int) -> dict[str, Any]:
    return {
        "kind": kind,
        "index": index,
        "article_id": article.id,
        "article_title": article.title,
        "article_url": article.url,
    }


def event_properties(article: Article, event: Event) -> dict[str, Any]:
    """The event's fields, flat: evidence as ``notes`` text and an ``evidence`` JSON string."""
    data = asdict(event)
    spans = data.pop("evidence")
    data["notes"] = notes(article, event)
    data["evidence"] = json.dumps({k: list(v) if v else None for k, v in spans.items()})
    return data


def article_features(articles: Iterable[Article]) -> Iterator[Feature | None]:
    """Point features for each article's events, then its places, in input order (``None``
    for those without valid coordinates)."""
    for article in articles:
        for index, event in enumerate(article.events):
            props = _article_properties(article, "event", index)
            yield point_feature(
                event.latitude, event.longitude, {**props, **event_properties(article, event)}
            )
        for index, place in enumerate(article.places):
            props = _article_properties(article, "place", index)
            yield point_feature(place.latitude, place.longitude, {**props, **asdict(place)})


def write(
    articles: Iterable[Article], fmt: str, out: Output, *, timestamp: int | None = None
) -> int:
    """Write ``articles`` as ``fmt`` (one of :data:`FORMATS`) to ``out``; returns the number
    of records written.

    ``timestamp`` fills ACLED's ``timestamp`` column (acled-csv, parquet); default: now.
    """
    return write_output(
        fmt,
        out,
        {
            "jsonl": lambda stream: write_jsonl((a.to_dict() for a in articles), stream),
            "acled-csv": lambda stream: write_acled_csv(
                article_events(articles), stream, timestamp
            ),
            "geojson": lambda stream: write_feature_collection(article_features(articles), stream),
        },
        parquet=lambda path: write_acled_parquet(article_events(articles), path, timestamp),
    )
