"""Events and places as a GeoJSON FeatureCollection (RFC 7946) that GIS tools open as-is.

Point features only, ``[longitude, latitude]``; one per event and one per place that has
coordinates. Properties are flat scalars (no nested objects, no NaN): an event's evidence
becomes ``notes`` (its sentence) and ``evidence`` (the spans as a JSON string). Every feature has
``kind`` ("event" or "place"), ``index`` (its position in the article's list) and the article's
``article_id``, ``article_title`` and ``article_url``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any, TextIO

from conflictwire.models import Article, Event


def _coordinates(latitude: float | None, longitude: float | None) -> list[float] | None:
    """``[lon, lat]`` when both are finite and in range, else ``None``."""
    if latitude is None or longitude is None:
        return None
    lat, lon = float(latitude), float(longitude)
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    return [lon, lat]


def _scalar(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _feature(coordinates: list[float], properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": coordinates},
        "properties": {k: _scalar(v) for k, v in properties.items()},
    }


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
    sentence = event.evidence.sentence
    data["notes"] = article.text[sentence[0] : sentence[1]].strip() if sentence else None
    data["evidence"] = json.dumps({k: list(v) if v else None for k, v in spans.items()})
    return data


def features(articles: Iterable[Article]) -> Iterator[dict[str, Any]]:
    """Point features for each article's events, then its places, in input order."""
    for article in articles:
        for index, event in enumerate(article.events):
            point = _coordinates(event.latitude, event.longitude)
            if point is not None:
                props = _article_properties(article, "event", index)
                yield _feature(point, {**props, **event_properties(article, event)})
        for index, place in enumerate(article.places):
            point = _coordinates(place.latitude, place.longitude)
            if point is not None:
                props = _article_properties(article, "place", index)
                yield _feature(point, {**props, **asdict(place)})


def write_geojson(articles: Iterable[Article], stream: TextIO) -> int:
    """Write one FeatureCollection; returns the number of features written."""
    collection = {"type": "FeatureCollection", "features": list(features(articles))}
    json.dump(collection, stream, ensure_ascii=False, allow_nan=False)
    stream.write("\n")
    return len(collection["features"])
