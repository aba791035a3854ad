"""Event coding scores against ACLED-style gold: one gold event per note, our first event.

Each gold note is compared with the article's first (most salient) event. Every accuracy is
over all gold notes: a note without a predicted event counts as wrong. Actor names are compared
without ACLED's parenthesised regime years ("Military Forces of Russia (2000-)" ==
"Military Forces of Russia"); locations are right within 25 km of the gold point.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..geodesy import haversine_km
from ..models import Article, Event
from .gold import GoldDocument, ratio

LOCATION_KM = 25.0  # ACLED-style location match: within 25 km of the gold point
NO_EVENT = "(none)"
FIELDS = ("event_type", "sub_event_type", "location_25km", "actor1", "event_date", "fatalities")
_YEARS = re.compile(r"\s*\((?:\d{4})-(?:\d{4})?\)")


class SubTypePairs:
    """Sub-type confusions for scores that count ``pairs``: (gold, ours) -> documents."""

    pairs: Counter[tuple[str, str]]

    def confusion(self) -> dict[str, dict[str, int]]:
        """Gold sub-type → predicted sub-type → count (``(none)`` where nothing was coded)."""
        return confusion_table(self.pairs)

    def top_confusions(self, n: int = 10) -> list[tuple[str, str, int]]:
        return top_confusions(self.pairs, n)

    def details(self) -> dict[str, Any]:
        """What ``--json`` adds to the summary."""
        return {"confusion": self.confusion()}


@dataclass
class EventScores(SubTypePairs):
    documents: int = 0
    with_event: int = 0
    right: Counter[str] = field(default_factory=Counter)
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "documents": self.documents,
            "coverage": ratio(self.with_event, self.documents),
        }
        for name in FIELDS:
            out[name] = ratio(self.right[name], self.documents)
        return out


def confusion_table(pairs: Counter[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """Gold → predicted → count, from (gold, predicted) pair counts."""
    table: dict[str, dict[str, int]] = {}
    for (gold, predicted), count in sorted(pairs.items()):
        table.setdefault(gold, {})[predicted] = count
    return table


def top_confusions(pairs: Counter[tuple[str, str]], n: int = 10) -> list[tuple[str, str, int]]:
    """The ``n`` most frequent (gold, predicted, count) where the two differ."""
    wrong = [(g, p, c) for (g, p), c in pairs.items() if g != p]
    return sorted(wrong, key=lambda t: -t[2])[:n]


def actor_name(name: str | None) -> str | None:
    """An ACLED actor name without its regime years, for comparison."""
    if not name:
        return None
    return _YEARS.sub("", name).strip().lower()


def _location_right(event: Event, gold: dict[str, Any]) -> bool:
    lat, lon = gold.get("latitude"), gold.get("longitude")
    if event.latitude is None or event.longitude is None or lat is None or lon is None:
        return False
    return haversine_km(event.latitude, event.longitude, float(lat), float(lon)) <= LOCATION_KM


def _fatalities(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def score_document(scores: EventScores, doc: GoldDocument, article: Article) -> None:
    gold = doc.gold
    scores.documents += 1
    event = article.events[0] if article.events else None
    gold_sub = str(gold.get("sub_event_type"))
    scores.pairs[(gold_sub, event.sub_event_type if event else NO_EVENT)] += 1
    if event is None:
        return
    scores.with_event += 1
    checks = {
        "event_type": event.event_type == gold.get("event_type"),
        "sub_event_type": event.sub_event_type == gold_sub,
        "location_25km": _location_right(event, gold),
        "actor1": actor_name(event.actor1) == actor_name(gold.get("actor1")),
        "event_date": event.event_date == gold.get("event_date"),
        "fatalities": event.fatalities == _fatalities(gold.get("fatalities")),
    }
    scores.right.update(name for name, ok in checks.items() if ok)


def score_events(pairs: Iterable[tuple[GoldDocument, Article]]) -> EventScores:
    scores = EventScores()
    for doc, article in pairs:
        score_document(scores, doc, article)
    return scores
