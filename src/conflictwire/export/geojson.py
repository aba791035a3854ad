"""Point features in a GeoJSON FeatureCollection (RFC 7946) that GIS tools open as-is.

Every record kind's GeoJSON goes through :func:`point_feature` and
:func:`write_feature_collection`: ``[longitude, latitude]`` points, only where both are finite
and in range; properties with non-finite numbers as ``null`` (JSON has no NaN).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any, TextIO

Feature = dict[str, Any]


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


def point_feature(
    latitude: float | None, longitude: float | None, properties: dict[str, Any]
) -> Feature | None:
    """A point Feature, or ``None`` when the coordinates are missing or not a valid point."""
    coordinates = _coordinates(latitude, longitude)
    if coordinates is None:
        return None
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": coordinates},
        "properties": {k: _scalar(v) for k, v in properties.items()},
    }


def write_feature_collection(features: Iterable[Feature | None], stream: TextIO) -> int:
    """Write one FeatureCollection of the features (``None`` skipped); returns their number."""
    collection = {"type": "FeatureCollection", "features": [f for f in features if f]}
    json.dump(collection, stream, ensure_ascii=False, allow_nan=False)
    stream.write("\n")
    return len(collection["features"])
