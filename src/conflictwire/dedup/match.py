"""When two reports describe the same event: type, date, place and actor rules, with reasons.

``match(a, b, thresholds)`` is symmetric and depends on the two reports alone, which is what
makes grouping independent of ingest order (see ``group.py``). It returns ``None`` when the
reports are different events, else a short human reason ("same type <event type>; 0 days
apart; 3.2 km; actors share Military Forces of Syria"). Which sub-types are compatible and
which event types have symmetric sides is data (``data/events/types.yaml``, read through
:mod:`conflictwire.ontology`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from conflictwire.geodesy import haversine_km
from conflictwire.ontology import ontology
from conflictwire.settings import Settings

# Actor names that say nothing about who acted: compatible with any actor.
_GENERIC = re.compile(r"^(unidentified|unknown)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Thresholds:
    """Date windows (days) by time precision and distances (km) by geo precision."""

    days: tuple[int, int, int] = (1, 7, 15)
    km: tuple[float, float, float] = (10.0, 25.0, 100.0)

    @classmethod
    def from_settings(cls, settings: Settings) -> Thresholds:
        return cls(
            days=(settings.dedup_days_day, settings.dedup_days_week, settings.dedup_days_month),
            km=(settings.dedup_km_place, settings.dedup_km_near, settings.dedup_km_region),
        )

    def window(self, precision: int | None) -> int:
        return self.days[_level(precision)]

    def distance(self, precision: int | None) -> float:
        return self.km[_level(precision)]

    @property
    def max_window(self) -> int:
        return max(self.days)

    @property
    def max_km(self) -> float:
        return max(self.km)


def _level(precision: int | None) -> int:
    """0, 1 or 2 for precision 1, 2, 3; unknown counts as the coarsest."""
    return min(max((precision or 3) - 1, 0), 2)


@dataclass(frozen=True)
class Report:
    """What matching reads of one stored event report. ``key`` is stable across stores."""

    key: str
    article: str
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    day: int | None  # date.toordinal()
    time_precision: int | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    confidence: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def located(self) -> bool:
        return self.day is not None and self.latitude is not None and self.longitude is not None


def day_number(value: str | None) -> int | None:
    """``YYYY-MM-DD`` as a day ordinal, ``None`` when missing or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def actor_key(name: str | None) -> str | None:
    """An actor's name without ACLED's trailing qualifier ("Islamic State (Syria)" -> "islamic
    state"); ``None`` for unknown or generic actors."""
    if not name or _GENERIC.match(name):
        return None
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip().lower() or None


def sub_types_compatible(a: str, b: str) -> bool:
    """Equal, or in one of the sets of sub-types that reports of one event may disagree on
    (``compatible`` in ``data/events/types.yaml``)."""
    return a == b or any(a in group and b in group for group in ontology().compatible)


def _same_side(a: str | None, b: str | None) -> tuple[bool, str | None]:
    """Compatible when either is unknown/generic or both name the same actor."""
    ka, kb = actor_key(a), actor_key(b)
    if ka is None or kb is None:
        return True, None
    return (ka == kb), (a if ka == kb else None)


def actors_compatible(a: Report, b: Report) -> tuple[bool, list[str]]:
    """Same actor1 and actor2 (or unknown); for event types whose sides are symmetric
    (battles) the sides may be swapped."""
    orders = [(b.actor1, b.actor2)]
    if a.event_type in ontology().event_types("symmetric"):
        orders.append((b.actor2, b.actor1))
    for first, second in orders:
        ok1, shared1 = _same_side(a.actor1, first)
        ok2, shared2 = _same_side(a.actor2, second)
        if ok1 and ok2:
            return True, [s for s in (shared1, shared2) if s]
    return False, []


def match(a: Report, b: Report, limits: Thresholds) -> str | None:
    """Why ``a`` and ``b`` report the same event, or ``None`` when they do not."""
    if a.article == b.article or not (a.located and b.located):
        return None  # one article's events were already told apart by the extractor
    if a.event_type != b.event_type or not sub_types_compatible(a.sub_event_type, b.sub_event_type):
        return None
    assert a.day is not None and b.day is not None
    days = abs(a.day - b.day)
    if days > max(limits.window(a.time_precision), limits.window(b.time_precision)):
        return None
    km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
    if not km <= max(limits.distance(a.geo_precision), limits.distance(b.geo_precision)):
        return None
    ok, shared = actors_compatible(a, b)
    if not ok:
        return None
    actors = f"actors share {' and '.join(shared)}" if shared else "an actor unknown or generic"
    sub = "" if a.sub_event_type == b.sub_event_type else " (sub-types compatible)"
    apart = "1 day" if days == 1 else f"{days} days"
    return f"same type {a.event_type}{sub}; {apart} apart; {km:.1f} km; {actors}"


def cell_range(latitude: float, longitude: float, km: float) -> tuple[int, int, int, int]:
    """The 1-degree cells (lat_lo, lat_hi, lon_lo, lon_hi) a circle of ``km`` touches."""
    dlat = km / 110.0
    dlon = km / max(110.0 * math.cos(math.radians(min(abs(latitude) + dlat, 89.0))), 1.0)
    return (
        math.floor(latitude - dlat),
        math.floor(latitude + dlat),
        math.floor(longitude - dlon),
        math.floor(longitude + dlon),
    )
